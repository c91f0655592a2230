"""`newsdesk chat`: a terminal conversation over the answer service."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date

from rich.console import Console
from rich.markup import escape

from bot.answer import NO_FILTERS, AnswerService, Filters
from bot.citations import cited_range, describe_source
from bot.followup import Turn, announces_a_subject, asks_nothing, is_small_talk
from bot.injection import without_instructions
from bot.references import LAST, asks_for_more, source_asked
from newsdesk.dates import parse_day
from newsdesk.errors import NewsdeskError
from newsdesk.models import Answer

# What is said to a line that asks nothing: thanks, or a new subject announced.
SAID_NOT_ASKED = "Ask another question, or /quit."
HELP = (
    "Ask about the indexed news. Follow-up questions keep the conversation's context.\n"
    "Commands: /as-of YYYY-MM-DD (answer as of that day; /as-of alone returns to the chat's starting day), "
    "/sources or “more” (passages behind the last answer; /sources 2 or “source 2”, behind its source [2]), "
    "/new (forget the conversation; /new QUESTION starts a new one with it), "
    "/quit."
)


# What may follow a command without being a question: "/new now" (a probe's) only starts anew.
NO_QUESTION = {"now", "please", "pls", "plz"}

COMMANDS = ("/as-of", "/sources", "/new", "/help", "/quit", "/exit")


class ChatSession:
    """One conversation: its history, its as-of date, and how it prints."""

    def __init__(
        self,
        answers: AnswerService,
        console: Console,
        as_of: date | None = None,
        history_turns: int = 3,
        filters: Filters = NO_FILTERS,
    ):
        self.filters = filters
        self.answers = answers
        self.console = console
        self.as_of = as_of
        self.start_as_of = as_of  # where a bare /as-of returns to: the --as-of the chat began with
        self.history: list[Turn] = []
        self.history_turns = history_turns
        self.last: Answer | None = None

    def handle(self, line: str) -> bool:
        """Handle one input line; False means the user wants to leave."""
        line = line.strip()
        if not line:
            return True
        # A command is its first word: "/quit now" quits (a probe's was an unknown command).
        command = line.split()[0].lower() if line.startswith("/") else ""  # "/NEW" too (a probe's)
        if command in ("/quit", "/exit", "/q"):
            return False
        if command == "/help":
            self.console.print(HELP)
        elif command == "/new":
            self.history.clear()
            self.last = None  # /sources belongs to the conversation it forgets
            # The as-of day is the chat's setting, not the conversation's: kept, and said so.
            kept = f", still as of {self.as_of.isoformat()} (/as-of to change it)" if self.as_of else ""
            self.console.print(f"[dim]Started a new conversation{kept}.[/dim]")
            # "/new who won the Masters?" starts the new conversation with its question (it had
            # been dropped, unanswered: a review's).
            # Not another command: "/new /new …" had recursed until a traceback, and "/new /quit"
            # is no way to leave (a review's).
            question = line[len(command) :].strip()
            if question and not question.startswith("/") and question.lower().strip(" .!") not in NO_QUESTION:
                self.handle(question)  # once: it is no command
        elif command == "/sources":
            self.show_sources(line[len(command) :].strip())
        elif line.lower().startswith("/as-of"):
            self.set_as_of(line[len("/as-of") :].strip())
        elif line.startswith("/"):
            close = difflib.get_close_matches(command, COMMANDS, n=1, cutoff=0.6)
            meant = f" Did you mean {close[0]}?" if close else ""
            self.console.print(f"Unknown command {escape(command)}.{meant} {HELP}")
        elif announces_a_subject(line):  # "different question:": what comes next is about something else
            # A turn, as a Discord thread's log keeps it: "Back to …" still reaches past it.
            self.history.append(Turn(line, ""))
            self.console.print(f"[dim]{SAID_NOT_ASKED}[/dim]")
        elif is_small_talk(line):  # "thanks", "ok": as in a Discord thread, said rather than asked
            self.console.print(f"[dim]{SAID_NOT_ASKED}[/dim]")
        elif asks_nothing(line):
            # "hi", "help", "what can you do": what it does, not a decline, nor a turn of the
            # conversation (a probe's next question was read as "a follow-up about Hi").
            self.console.print(f"[dim]{escape(HELP)}[/dim]")
        elif (cited := source_asked(line)) is not None:  # "tell me more about the second source"
            self.show_sources(str(cited) if cited != LAST else self._last_number())
        elif asks_for_more(line):  # "more", "tell me more": what the last answer was quoted from
            self.show_sources()
        else:
            self.ask(line)
        return True

    def set_as_of(self, value: str) -> None:
        if not value:
            self.as_of = self.start_as_of
            if self.as_of is None:
                self.console.print("[dim]Answering as of today.[/dim]")
            else:
                self.console.print(f"[dim]Answering as of {self.as_of.isoformat()} again, the chat's --as-of.[/dim]")
            return
        try:
            day = parse_day(value)
            # Refused here, as `--as-of` is with `--from`: accepted, a tester's every question then
            # failed with "The range starts after the as-of day".
            self.filters.check_starts_by(day)
        except NewsdeskError as exc:
            self.console.print(f"[red]/as-of: {escape(str(exc))}[/red]")
            return
        self.as_of = day
        self.console.print(f"[dim]Answering as of {self.as_of.isoformat()}.[/dim]")

    def ask(self, question: str) -> None:
        status = self.console.status("Searching the articles…")
        status.start()
        shown = ""  # answer text already printed while it was being generated
        answer: Answer | None = None
        try:
            for item in self.answers.answer_stream(
                question, self.as_of, self.history[-self.history_turns :], self.filters
            ):
                if isinstance(item, Answer):
                    answer = item
                elif item.startswith(shown):
                    status.stop()
                    self.console.print(f"[bold]{escape(item[len(shown) :])}[/bold]", end="", soft_wrap=True)
                    shown = item
        except NewsdeskError as exc:
            status.stop()
            self.console.print(f"[red]{escape(str(exc))}[/red]")
            return
        finally:
            status.stop()
        if answer is None:
            return
        self.last = answer
        self.history.append(Turn(question, "" if answer.abstained else answer.text))
        self.print_answer(answer, shown)

    def print_answer(self, answer: Answer, shown: str = "") -> None:
        """Print the answer, or finish printing it when `shown` of it was streamed already."""
        style = "yellow" if answer.abstained else "bold"
        if shown and answer.text.startswith(shown):
            self.console.print(f"[{style}]{escape(answer.text[len(shown) :])}[/{style}]", soft_wrap=True)
        else:
            if shown:  # the streamed text was replaced (the model failed part-way)
                self.console.print()
            self.console.print(f"[{style}]{escape(answer.text)}[/{style}]")
        if answer.notice:
            self.console.print(f"[yellow]Note: {escape(answer.notice)}[/yellow]")
        for citation in answer.citations:
            self.console.print(f"  [cyan][{citation.n}][/cyan] {escape(describe_source(citation))}")
        self.console.print(f"[dim]Searched: {escape(answer.date_range_label or '')}[/dim]")

    def _last_number(self) -> str:
        """The last answer's last source number ("the last one"), "" when it cites none."""
        return str(self.last.citations[-1].n) if self.last is not None and self.last.citations else ""

    def show_sources(self, cited: str = "") -> None:
        """The passages behind the last answer; with a source's number ("2", "[2]"), only those of
        the article cited as [2] (a probe typed "/sources 2" after an answer citing [2])."""
        if self.last is None or not self.last.passages:
            self.console.print("No answer yet: ask a question first.")
            return
        articles = None
        if cited:
            number = cited.strip("[]")
            citation = next((c for c in self.last.citations if number.isdecimal() and c.n == int(number)), None)
            if citation is None:
                self.console.print(f"No source {escape(cited)}: the last answer {cited_range(self.last.citations)}.")
                return
            articles = {citation.article_id}
        # Each passage under its source's number ("[1]"), or "·" when the answer cites none of its
        # article: numbered by rank, a probe's "/sources 1" listed "2. …" for source [1].
        numbers = {c.article_id: c.n for c in self.last.citations}
        for passage in self.last.passages:
            if articles is not None and passage.article_id not in articles:
                continue
            when = passage.published.isoformat() if passage.published else "undated"
            mark = f"[{numbers[passage.article_id]}]" if passage.article_id in numbers else "·"
            self.console.print(
                f"[cyan]{escape(mark)} {escape(passage.title)}[/cyan] [dim]({when}, score {passage.score:.2f})[/dim]"
            )
            self.console.print(escape(without_instructions(passage.text)))


def run_chat(
    answers: AnswerService,
    read_line: Callable[[], str],
    console: Console,
    as_of: date | None,
    history_turns: int,
    filters: Filters = NO_FILTERS,
) -> None:
    """The read–answer loop; ends on /quit, end of input or Ctrl-C at the prompt."""
    session = ChatSession(answers, console, as_of, history_turns, filters)
    console.print("[bold]Newsdesk[/bold] — " + HELP)
    while True:
        try:
            line = read_line()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        try:
            going_on = session.handle(line)
        except KeyboardInterrupt:  # Ctrl-C while searching drops that question, not the conversation
            console.print(f"\n[dim]Stopped. {SAID_NOT_ASKED}[/dim]")
            continue
        if not going_on:
            return
