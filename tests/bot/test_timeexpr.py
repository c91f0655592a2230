"""Table-driven tests for bot.timeexpr: time expressions in questions → date ranges."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

import pytest

from bot.timeexpr import (
    FLOOR,
    TimeRange,
    after_as_of,
    as_of_stated,
    backwards_range,
    later_year,
    no_such_day,
    resolve_time_range,
    strip_time_expression,
    upcoming_reference,
)

D = date
THU = D(2023, 2, 2)  # a Thursday, the usual day a weekly news quiz is asked
NO_RANGE = None

# (question, as_of, expected (start, end) or None)
CASES: list[tuple[str, date, tuple[date, date] | None]] = [
    # --- days relative to as_of
    ("What happened today?", THU, (THU, THU)),
    ("Who resigned yesterday?", THU, (D(2023, 2, 1), D(2023, 2, 1))),
    ("What was announced the day before yesterday?", THU, (D(2023, 1, 31), D(2023, 1, 31))),
    ("Who won the game last night?", THU, (D(2023, 2, 1), THU)),
    ("Which three-day festival started 3 days ago?", THU, (D(2023, 1, 30), D(2023, 1, 30))),
    # --- weeks: the 7 days ending on as_of plus a day of slack; last week is the 7 before that,
    # on to the Sunday that ended the last calendar week
    ("Which former pope was laid to rest this week?", THU, (D(2023, 1, 26), THU)),
    ("THIS WEEK, which city flooded?", THU, (D(2023, 1, 26), THU)),
    ("Which star died earlier this week?", THU, (D(2023, 1, 26), THU)),
    ("Who won the Super Bowl this past week?", THU, (D(2023, 1, 26), THU)),
    ("What did the Fed say over the past week?", THU, (D(2023, 1, 26), THU)),
    ("How did markets move over the week?", THU, (D(2023, 1, 26), THU)),
    ("Who resigned last week?", THU, (D(2023, 1, 19), D(2023, 1, 29))),
    ("What happened the previous week?", THU, (D(2023, 1, 19), D(2023, 1, 29))),
    ("Who won the Super Bowl last week?", D(2023, 2, 14), (D(2023, 1, 31), D(2023, 2, 12))),  # a Tuesday
    ("Who resigned last week?", D(2023, 2, 19), (D(2023, 2, 5), D(2023, 2, 12))),  # a Sunday: the 7 before
    ("Who resigned last week?", D(2023, 1, 3), (D(2022, 12, 20), D(2023, 1, 1))),  # year boundary
    ("Which river flooded two weeks ago?", D(2023, 2, 16), (D(2023, 1, 30), D(2023, 2, 5))),
    # --- weekends: the most recent Sat–Sun on or before as_of, clamped
    ("Who hosted SNL this weekend?", THU, (D(2023, 1, 28), D(2023, 1, 29))),
    ("Who hosted SNL this weekend?", D(2023, 2, 4), (D(2023, 2, 4), D(2023, 2, 4))),  # a Saturday
    ("What happened over the weekend?", D(2023, 2, 6), (D(2023, 2, 4), D(2023, 2, 5))),
    ("Who won last weekend?", THU, (D(2023, 1, 28), D(2023, 1, 29))),
    ("Who won last weekend?", D(2023, 2, 5), (D(2023, 1, 28), D(2023, 1, 29))),  # a Sunday
    ("Who won the SAG award this past weekend?", D(2023, 2, 6), (D(2023, 2, 4), D(2023, 2, 5))),
    # --- rolling windows
    ("What fell in the past 3 days?", THU, (D(2023, 1, 30), THU)),
    ("Which stocks rose over the last two weeks?", THU, (D(2023, 1, 19), THU)),
    ("How much did rents rise in the past six months?", THU, (D(2022, 8, 2), THU)),
    ("How much have egg prices increased over the past year?", THU, (D(2022, 2, 2), THU)),
    ("What happened over the past few days?", THU, (D(2023, 1, 30), THU)),
    ("Which seed did the FDA recently add to its list of allergens?", THU, (D(2023, 1, 3), THU)),
    ("What has Musk been tweeting lately?", THU, (D(2023, 1, 3), THU)),
    ("Which firms cut jobs in recent weeks?", THU, (D(2023, 1, 3), THU)),
    ("The strike could last two weeks. Who is striking?", THU, NO_RANGE),  # "last" the verb
    # --- calendar months and years
    ("Which films opened this month?", THU, (D(2023, 2, 1), THU)),
    ("Who was sacked last month?", THU, (D(2023, 1, 1), D(2023, 1, 31))),
    ("Who was sacked last month?", D(2023, 1, 3), (D(2022, 12, 1), D(2022, 12, 31))),  # year boundary
    ("Who was sacked last month?", D(2024, 3, 10), (D(2024, 2, 1), D(2024, 2, 29))),  # leap year
    ("Who will chair this year's Met Gala?", THU, (D(2023, 1, 1), THU)),
    ("What was shot down earlier this year?", THU, (D(2023, 1, 1), THU)),
    ("How much crypto was stolen last year?", THU, (D(2022, 1, 1), D(2022, 12, 31))),
    # --- months: nearest occurrence that has started; clamped to as_of
    ("What happened in January 2023?", THU, (D(2023, 1, 1), D(2023, 1, 31))),
    ("What happened in January?", D(2023, 1, 20), (D(2023, 1, 1), D(2023, 1, 20))),
    ("Which storms hit in December?", D(2023, 1, 3), (D(2022, 12, 1), D(2022, 12, 31))),  # year boundary
    ("Which storms hit in December?", D(2023, 3, 15), (D(2022, 12, 1), D(2022, 12, 31))),
    ("Which storms hit in december?", D(2023, 12, 10), (D(2023, 12, 1), D(2023, 12, 10))),
    ("How much did house prices drop in May?", D(2023, 6, 2), (D(2023, 5, 1), D(2023, 5, 31))),
    ("What will happen in May?", D(2023, 4, 28), NO_RANGE),  # the upcoming May is nearer
    ("Who returns to Earth in September?", D(2023, 3, 30), NO_RANGE),  # ditto, by 26 days
    ("Who returned to Earth in September?", D(2023, 3, 15), (D(2022, 9, 1), D(2022, 9, 30))),
    ("What did retail sales do in February?", D(2024, 3, 1), (D(2024, 2, 1), D(2024, 2, 29))),  # leap
    ("How cold was it last January?", D(2023, 1, 20), (D(2022, 1, 1), D(2022, 1, 31))),
    # In the past tense, the past month, unless the next is under a month away.
    ("What did the city council decide in March?", D(2023, 12, 15), (D(2023, 3, 1), D(2023, 3, 31))),
    ("What happened in September?", D(2024, 4, 1), (D(2023, 9, 1), D(2023, 9, 30))),
    ("What will the council decide in March?", D(2023, 12, 15), NO_RANGE),  # ahead, and asked so
    ("What did the council decide in March?", D(2023, 2, 15), (D(2022, 3, 1), D(2022, 3, 31))),
    ("What happened on Christmas?", D(2023, 12, 5), (D(2022, 12, 25), D(2022, 12, 25))),
    ("What happened on January 6?", D(2023, 1, 5), NO_RANGE),  # a day ahead: the quiz's, misdated
    ("Which two US presidents died on July 4?", D(2023, 6, 29), NO_RANGE),  # the coming July 4's history
    ("Why won’t the council meet in March?", D(2023, 12, 15), NO_RANGE),  # "won’t" is no past tense
    # A regular verb's past is the past tense too (a probe's "Which bank failed in March?" asked
    # in December had been read as the coming March).
    ("Which bank failed in March?", D(2023, 12, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    ("Which company went bankrupt in May?", D(2023, 12, 1), (D(2023, 5, 1), D(2023, 5, 31))),
    ("WHICH BANK FAILED IN MARCH?", D(2023, 12, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    ("Which bank's CEO resigned in March?", D(2023, 12, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    # A verb of the present says what is coming, whatever past form the question holds (a review).
    ("Which film is released in March?", D(2023, 12, 1), NO_RANGE),
    ("Which films are being released in March?", D(2023, 12, 1), NO_RANGE),
    ("What's released in March?", D(2023, 12, 1), NO_RANGE),
    ("Which roads get closed in March?", D(2023, 12, 1), NO_RANGE),
    ("Who's favoured to win the election in March?", D(2023, 12, 1), NO_RANGE),
    # Words that end so, and compounds, are no verb's past.
    ("How many hundred people attend in March?", D(2023, 12, 1), NO_RANGE),
    ("Which London-based firm floats in March?", D(2023, 12, 1), NO_RANGE),
    ("Which advanced economies meet in March?", D(2023, 12, 1), NO_RANGE),
    ("How many days left until the vote in March?", D(2023, 12, 1), NO_RANGE),
    ("What happened before March?", D(2024, 1, 10), NO_RANGE),  # a bound: the upcoming March, as ever
    ("What sold out Sept 2022?", THU, (D(2022, 9, 1), D(2022, 9, 30))),
    # A month naming what happened in it (a probe's "… at its July meeting" was answered with May's
    # "The Fed's next meeting is June 13-14"); not "may" the verb, nor a day's month.
    ("What did the Fed decide at its July meeting?", D(2023, 7, 28), (D(2023, 7, 1), D(2023, 7, 28))),
    ("What did the June jobs report show?", D(2023, 7, 10), (D(2023, 6, 1), D(2023, 6, 30))),
    ("What did their December talks produce?", D(2023, 7, 10), (D(2022, 12, 1), D(2022, 12, 31))),
    ("What may the Fed decide at the meeting?", D(2023, 7, 10), NO_RANGE),
    ("What happened at the March 3 meeting?", D(2023, 7, 10), (D(2023, 3, 3), D(2023, 3, 3))),
    ("How did the March Madness final end?", D(2023, 7, 10), NO_RANGE),
    ("What happened at the Fed's July meeting?", D(2023, 7, 28), (D(2023, 7, 1), D(2023, 7, 28))),
    # A name of its own, and a meeting still to come (a review's), are no period.
    ("What happened at the March on Washington anniversary?", D(2023, 8, 29), NO_RANGE),
    ("Who spoke at the March for Our Lives rally?", D(2023, 8, 29), NO_RANGE),
    ("What did the August Wilson festival show?", D(2023, 8, 29), NO_RANGE),
    ("What will the Fed do at its September meeting?", D(2023, 9, 15), NO_RANGE),
    # --- open-ended and bounded spans
    ("What has changed since May?", D(2023, 6, 15), (D(2023, 5, 1), D(2023, 6, 15))),
    ("What has changed since May 2022?", THU, (D(2022, 5, 1), THU)),
    ("Who has resigned since March 3?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 4, 1))),
    ("Who has spoken since Monday?", THU, (D(2023, 1, 30), THU)),
    ("Which bills passed before May 2023?", D(2023, 6, 15), (D(1900, 1, 1), D(2023, 4, 30))),
    ("Which bills passed until May 2023?", D(2023, 6, 15), (D(1900, 1, 1), D(2023, 4, 30))),
    ("What happened after March 3?", D(2023, 4, 1), (D(2023, 3, 4), D(2023, 4, 1))),
    ("What happened between March 3 and March 10?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 3, 10))),
    ("Who won between December 20 and January 5?", D(2023, 1, 10), (D(2022, 12, 20), D(2023, 1, 5))),
    ("Which item fell most from February to March?", D(2023, 4, 13), (D(2023, 2, 1), D(2023, 3, 31))),
    ("Who clicked between Oct. 2006 and Sept. 2013?", D(2023, 6, 16), (D(2006, 10, 1), D(2013, 9, 30))),
    # --- specific days
    ("What happened on March 3?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 3, 3))),
    ("Who spoke March 3rd?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 3, 3))),
    ("Who spoke on 3 March?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 3, 3))),
    ("Who spoke on the 3rd of March?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 3, 3))),
    ("Who spoke on March 3, 2022?", D(2023, 4, 1), (D(2022, 3, 3), D(2022, 3, 3))),
    ("What was looted on Jan. 8?", D(2023, 1, 13), (D(2023, 1, 8), D(2023, 1, 8))),
    ("What closed on 2023-03-03?", D(2023, 4, 1), (D(2023, 3, 3), D(2023, 3, 3))),
    ("What closed on 3/6/2023?", D(2023, 4, 1), (D(2023, 3, 6), D(2023, 3, 6))),  # US month/day
    ("What happened on 3/4?", D(2023, 4, 1), (D(2023, 3, 4), D(2023, 3, 4))),  # its nearest March 4
    ("What happened on 12/24?", D(2023, 4, 1), (D(2022, 12, 24), D(2022, 12, 24))),
    ("What closed on 03/06?", D(2023, 4, 1), (D(2023, 3, 6), D(2023, 3, 6))),
    ("Did 3/4 of voters back it?", D(2023, 4, 1), NO_RANGE),  # a share: only "on" makes it a day
    ("Is the clinic open 24/7?", D(2023, 4, 1), NO_RANGE),
    # No 13th month: day first (a probe's "13/3"), last year's April 13 in the past tense.
    ("What happened on 13/4?", D(2023, 4, 1), (D(2022, 4, 13), D(2022, 4, 13))),
    ("What happened on 13/03/2023?", D(2023, 4, 1), (D(2023, 3, 13), D(2023, 3, 13))),
    ("What happened on 32/4?", THU, NO_RANGE),
    # Today's weekday, of what was: today's news or last week's (a quiz's, asked on a Tuesday).
    ("Who was ousted as House speaker in a vote on Tuesday?", D(2023, 10, 10), (D(2023, 10, 3), D(2023, 10, 10))),
    ("Who is speaking on Tuesday?", D(2023, 10, 10), (D(2023, 10, 10), D(2023, 10, 10))),
    ("What did he say last Tuesday?", D(2023, 10, 10), (D(2023, 10, 3), D(2023, 10, 3))),
    # Only standing alone (a review's "after Tuesday" had spanned the week).
    ("What happened after Tuesday?", D(2023, 10, 10), (D(2023, 10, 10), D(2023, 10, 10))),
    ("What happened on Tuesday and Wednesday?", D(2023, 10, 10), (D(2023, 10, 10), D(2023, 10, 10))),
    # "for Tuesday's drawing", not of what was: the one to come, after as_of.
    ("How big is the jackpot for Tuesday's drawing?", D(2023, 8, 7), NO_RANGE),
    ("What was the jackpot for Tuesday's drawing?", D(2023, 8, 7), (D(2023, 8, 1), D(2023, 8, 1))),
    ("Who is leading after Saturday's round?", D(2023, 8, 7), (D(2023, 8, 5), D(2023, 8, 5))),
    # Dates as typed elsewhere (an editor's probe): year first with slashes or dots, dotted day
    # first, a two-digit year, a month in figures.
    ("What happened on 2023/02/06?", D(2023, 4, 1), (D(2023, 2, 6), D(2023, 2, 6))),
    ("What happened on 2023.02.06?", D(2023, 4, 1), (D(2023, 2, 6), D(2023, 2, 6))),
    ("What happened on 15.03.2023?", D(2023, 4, 1), (D(2023, 3, 15), D(2023, 3, 15))),
    ("What happened on 5.3.2023?", D(2023, 4, 1), (D(2023, 3, 5), D(2023, 3, 5))),
    ("What happened on 3/6/23?", D(2023, 4, 1), (D(2023, 3, 6), D(2023, 3, 6))),
    ("What happened on 3-6-23?", D(2023, 4, 1), (D(2023, 3, 6), D(2023, 3, 6))),
    ("What happened on 13/3/23?", D(2023, 4, 1), (D(2023, 3, 13), D(2023, 3, 13))),
    ("What happened to prices in 03/2023?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    ("Which bank failed in 3/2023?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    ("Who won the 6-3-2 vote?", D(2023, 4, 1), NO_RANGE),
    ("What happened on 12/31/99?", D(2023, 4, 1), (D(1999, 12, 31), D(1999, 12, 31))),  # not 2099
    # Not a record, a version or a share (a review's).
    ("Why are the Bruins 25-10-12?", D(2023, 4, 1), NO_RANGE),
    ("What's new in PyCharm 2023.2.1?", D(2023, 4, 1), NO_RANGE),
    ("Were tickets 1/2000 sold?", D(2023, 4, 1), NO_RANGE),
    # Days of one month written once (the month had gone with one day alone, "5 March").
    ("What happened from 1 to 5 March?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 5))),
    ("What happened 1-5 March?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 5))),
    ("What happened from the 1st to the 5th of March?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 5))),
    ("What happened March 1-5?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 5))),
    ("What did Biden say between March 1 and 5?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 5))),
    ("Who won on May 28-30, 2022?", D(2023, 4, 1), (D(2022, 5, 28), D(2022, 5, 30))),
    ("What happened March 1-5?", D(2023, 2, 1), (D(2022, 3, 1), D(2022, 3, 5))),  # last year's
    ("Between March 1 and 5 people died where?", D(2023, 4, 1), (D(2023, 3, 1), D(2023, 3, 1))),  # a count
    # A score before a day is no range of days (a review's).
    ("Did the court rule 6-3 March 30?", D(2023, 4, 1), (D(2023, 3, 30), D(2023, 3, 30))),
    ("Did Arsenal lose 1-2 March 5?", D(2023, 4, 1), (D(2023, 3, 5), D(2023, 3, 5))),
    # Begun by as_of: this year's, up to it (a review's was last year's).
    ("What happened March 1-15?", D(2023, 3, 3), (D(2023, 3, 1), D(2023, 3, 3))),
    ("What happened February 1-29?", D(2024, 2, 10), (D(2024, 2, 1), D(2024, 2, 10))),
    ("Who spoke on Monday, March 6?", D(2023, 3, 9), (D(2023, 3, 6), D(2023, 3, 6))),
    ("Which NFL teams play on February 12?", THU, NO_RANGE),  # upcoming, not last year's
    ("On July 4, 1776, where did Congress meet?", D(2023, 6, 29), NO_RANGE),  # history, not a range
    ("What happened on February 29?", D(2024, 3, 5), (D(2024, 2, 29), D(2024, 2, 29))),  # leap day
    ("What happened on February 29?", D(2025, 3, 1), (D(2024, 2, 29), D(2024, 2, 29))),
    ("What happened on February 29, 2023?", D(2023, 4, 1), NO_RANGE),  # no such day
    # --- weekdays
    ("Who was hospitalized after a game on Monday?", THU, (D(2023, 1, 30), D(2023, 1, 30))),
    ("Which flights were delayed Wednesday?", THU, (D(2023, 2, 1), D(2023, 2, 1))),
    # Today is Thursday: today's news or last week's.
    ("What was announced on Thursday?", THU, (D(2023, 1, 26), THU)),
    ("What was announced last Thursday?", THU, (D(2023, 1, 26), D(2023, 1, 26))),
    ("What did the CEO say this Monday?", THU, (D(2023, 1, 30), D(2023, 1, 30))),
    ("What colour is the carpet at this Sunday's Oscars?", D(2023, 3, 10), NO_RANGE),  # upcoming
    ("What deals were offered on Black Friday?", THU, (D(2022, 11, 25), D(2022, 11, 25))),
    ("What were the Black Friday deals?", THU, NO_RANGE),  # a topic
    ("Who won Super Tuesday?", THU, NO_RANGE),
    # A show or a paper of the name: no day searched (a quiz's SNL question was searched on Saturday).
    ("'Saturday Night Live' is back despite the actors' strike. Which season is it starting?", THU, NO_RANGE),
    ("What did the Sunday Times report about the King?", THU, NO_RANGE),
    ("Who hosted Saturday Night Live this week?", THU, (D(2023, 1, 26), THU)),
    ("Who won on Saturday night?", THU, (D(2023, 1, 28), D(2023, 1, 28))),
    # --- years
    ("Which country lost the most rainforest in 2022?", THU, (D(2022, 1, 1), D(2022, 12, 31))),
    ("What did the PAC spend during 2022?", THU, (D(2022, 1, 1), D(2022, 12, 31))),
    ("Which group plans to quit in 2023?", D(2023, 1, 6), (D(2023, 1, 1), D(2023, 1, 6))),  # clamped
    ("Which country won Eurovision 2023?", D(2023, 5, 19), (D(2023, 1, 1), D(2023, 5, 19))),
    ("In 2021, who won?", THU, (D(2021, 1, 1), D(2021, 12, 31))),
    ("What has changed since 2021?", THU, (D(2021, 1, 1), THU)),
    ("What launched in early 2022?", THU, (D(2022, 1, 1), D(2022, 4, 30))),
    ("What has changed since early 2021?", THU, (D(2021, 1, 1), THU)),
    ("Who will run for president in 2024?", THU, NO_RANGE),  # future year
    ("What was stolen in 1939?", THU, NO_RANGE),  # before 1990: history, not news
    ("Who won the 2022 World Cup final?", THU, NO_RANGE),  # a year used as a name
    ("How many of the 2,000 people were rescued?", THU, NO_RANGE),
    ("Who still runs Windows 2000 servers?", THU, NO_RANGE),
    ("Which team won 50 games in the 2022-23 season?", THU, NO_RANGE),
    # --- words that contain or look like time expressions
    ("Which weekly magazine closed?", THU, NO_RANGE),
    ("How much is the monthly subscription?", THU, NO_RANGE),
    ("Who is the Mayor of London?", THU, NO_RANGE),
    ("Which country may join NATO?", THU, NO_RANGE),
    ("Which team is favoured in March Madness?", THU, NO_RANGE),
    ("Who won in March Madness?", THU, NO_RANGE),
    ("What is the name of the new month-long festival?", THU, NO_RANGE),
    ("Which agency set a 30-day deadline?", THU, NO_RANGE),
    ("Who hosts Weekend Update?", THU, NO_RANGE),
    ("Which paper did USA Today buy?", THU, NO_RANGE),
    ("How many counts are in trump's jan 6 indictment?", THU, NO_RANGE),  # a day naming an event
    ("Who chaired the Jan. 6 committee?", THU, NO_RANGE),
    ("How many counts did Trump face in the Jan. 6 federal indictment?", THU, NO_RANGE),  # a fact-checker's
    ("Who testified at the January 6 House committee hearing?", THU, NO_RANGE),
    ("Did Mike Pence testify to the grand jury about Jan. 6?", THU, NO_RANGE),  # a chat's: what is talked of
    ("How does that compare with last year?", THU, NO_RANGE),  # a chat's: this year's figure, compared
    ("How many more flu cases were there than last year?", THU, NO_RANGE),
    ("Who celebrates Saint Anthony every January?", THU, NO_RANGE),
    ("What will happen next week?", THU, NO_RANGE),
    ("Which company won the most awards?", THU, NO_RANGE),
    # --- weeks of a month, and the week from a day (the probe found them ignored, or read as the day)
    ("What happened in the last week of January?", THU, (D(2023, 1, 25), D(2023, 1, 31))),
    ("What happened in the first week of March?", D(2023, 6, 15), (D(2023, 3, 1), D(2023, 3, 7))),
    ("Who resigned during the second week of February 2022?", THU, (D(2022, 2, 8), D(2022, 2, 14))),
    ("What did Biden say the week of March 6?", D(2023, 6, 15), (D(2023, 3, 6), D(2023, 3, 12))),
    ("What did Biden say the week of March 6?", D(2023, 3, 8), (D(2023, 3, 6), D(2023, 3, 8))),  # clamped
    ("What happened the week of Monday, March 6?", D(2023, 6, 15), (D(2023, 3, 6), D(2023, 3, 12))),
    ("What happened in the first week of his presidency?", THU, NO_RANGE),  # no month: no range
    # --- several expressions: the most specific (shortest) range wins
    (
        "Hamlin was hospitalized this week after a game on Monday. Which team?",
        THU,
        (D(2023, 1, 30), D(2023, 1, 30)),
    ),
    ("China's birth rate fell in 2022, it was reported this week.", THU, (D(2023, 1, 26), THU)),
    (  # a range of the last week beats an older date, which only names the subject
        "Which network aired false depictions of the January 6, 2021, attack this week?",
        D(2023, 3, 9),
        (D(2023, 3, 2), D(2023, 3, 9)),
    ),
    ("Who marched on Monday to mark the January 6, 2021, attack?", D(2023, 3, 9), (D(2023, 3, 6), D(2023, 3, 6))),
    ("What happened on January 6, 2021?", D(2023, 3, 9), (D(2021, 1, 6), D(2021, 1, 6))),
    # Both of the last week: the shorter still wins.
    ("Who won on Monday this week?", D(2023, 3, 9), (D(2023, 3, 6), D(2023, 3, 6))),
    # "last month" ends over a week before as_of: the more specific range wins, as before.
    ("What happened last month on February 14?", D(2023, 3, 9), (D(2023, 2, 14), D(2023, 2, 14))),
    # --- real news-quiz questions (rtqa dev set) with their quiz dates
    (
        "Brendan Fraser won the Critics Choice award for best actor this past weekend. "
        "He has starred in all of these movies except:",
        D(2023, 1, 20),
        (D(2023, 1, 14), D(2023, 1, 15)),
    ),
    (
        "Which UK religious group has reported a 200% increase in membership in the last five years?",
        D(2023, 1, 20),
        (D(2018, 1, 20), D(2023, 1, 20)),
    ),
    (
        "Many Ohio residents are concerned about their health after a train carrying "
        "hazardous materials derailed there two weeks ago. Which chemical are they most "
        "worried might still be lingering in the area?",
        D(2023, 2, 16),
        (D(2023, 1, 30), D(2023, 2, 5)),
    ),
    (
        "Italy's No. 1 fugitive, convicted Mafia boss Matteo Messina Denaro, was "
        "arrested Monday after how many years on the run?",
        D(2023, 1, 20),
        (D(2023, 1, 16), D(2023, 1, 16)),
    ),
    (
        "Numerous newspapers, including the USA TODAY Network, announced it would drop "
        "which comic strip after its creator made racist remarks?",
        D(2023, 3, 3),
        NO_RANGE,
    ),
    (
        "Users who clicked search results between Oct. 2006 and Sept. 2013 may be "
        "entitled to a cut of a $23 million settlement from which search engine?",
        D(2023, 6, 16),
        (D(2006, 10, 1), D(2013, 9, 30)),
    ),
    (
        "Mattel said it is planning a relaunch of the Barney franchise. The dinosaur was "
        "originally featured in a PBS series that began in which year?",
        D(2023, 2, 17),
        NO_RANGE,
    ),
    (
        "Twitter's famous blue bird logo has been replaced by what image in what is "
        "thought to be a late April Fool's Day prank by billionaire owner Elon Musk?",
        D(2023, 4, 7),
        NO_RANGE,
    ),
    # --- parts of a month: early 1-10, mid 11-20, late 21 to the end (the probe found them ignored)
    ("What happened in early March?", D(2023, 3, 15), (D(2023, 3, 1), D(2023, 3, 10))),
    ("Who won in mid-February?", D(2023, 3, 15), (D(2023, 2, 11), D(2023, 2, 20))),
    ("Which storm hit in late February 2022?", D(2023, 3, 15), (D(2022, 2, 21), D(2022, 2, 28))),
    ("Who resigned in late December?", D(2023, 3, 15), (D(2022, 12, 21), D(2022, 12, 31))),
    # --- its start, middle and end, read as early, mid and late (an editor had the whole archive searched)
    ("What happened at the end of February?", D(2023, 6, 15), (D(2023, 2, 21), D(2023, 2, 28))),
    ("Who resigned at the start of March?", D(2023, 6, 15), (D(2023, 3, 1), D(2023, 3, 10))),
    ("What happened in the middle of April?", D(2023, 6, 15), (D(2023, 4, 11), D(2023, 4, 20))),
    ("What happened towards the end of May 2022?", D(2023, 6, 15), (D(2022, 5, 21), D(2022, 5, 31))),
    ("Who was fired at the end of last month?", D(2023, 6, 15), (D(2023, 5, 21), D(2023, 5, 31))),
    ("What happened at the beginning of this month?", D(2023, 6, 15), (D(2023, 6, 1), D(2023, 6, 10))),
    ("Will the strike end by the end of July?", D(2023, 6, 15), None),
    # "By the end of …" is a deadline (a review's, asked in December, had searched November and December).
    ("What did the Fed say it would do by the end of the year?", D(2023, 12, 10), None),
    # "The month" is the one the question names, not this one (a second review's).
    ("Which bank collapsed in March, at the start of the month?", D(2023, 6, 15), (D(2023, 3, 1), D(2023, 3, 31))),
    # A deadline past is the period it ends: "by the end of last year" is last year.
    ("How many tech workers were laid off by the end of last year?", D(2023, 6, 15), (D(2022, 1, 1), D(2022, 12, 31))),
    ("How many were laid off by the end of March?", D(2023, 6, 15), (D(2023, 3, 1), D(2023, 3, 31))),
    ("What happened at the end of 2022 for Twitter?", D(2023, 6, 15), (D(2022, 11, 1), D(2022, 12, 31))),
    # A deadline still to come is none (a third review's had searched the September before).
    ("What did Biden promise to do by the end of September?", D(2023, 6, 15), None),
    # A year said after the month (a fourth review's had searched this March).
    ("Who did Will Smith slap at the end of March last year?", D(2023, 6, 15), (D(2022, 3, 21), D(2022, 3, 31))),
    ("What happened at the start of May in 2022?", D(2023, 6, 15), (D(2022, 5, 1), D(2022, 5, 10))),
    ("What happened at the end of March the previous year?", D(2023, 6, 15), (D(2022, 3, 21), D(2022, 3, 31))),
    ("What happened at the end of March two years ago?", D(2023, 6, 15), (D(2021, 3, 21), D(2021, 3, 31))),
    ("What happened at the end of March the year before last?", D(2023, 6, 15), (D(2021, 3, 21), D(2021, 3, 31))),
    ("What happened at the end of March 6 years earlier?", D(2023, 6, 15), (D(2017, 3, 21), D(2017, 3, 31))),
    # "two years before" what follows is no year of the month's (a seventh review's).
    (
        "What happened at the end of March, two years before the election?",
        D(2023, 6, 15),
        (D(2023, 3, 21), D(2023, 3, 31)),
    ),
    # A noun after the year: the month and year as a whole, not this year's month (a fifth review's).
    ("Who qualified at the end of March 2022 World Cup qualifiers?", D(2023, 6, 15), (D(2022, 3, 1), D(2022, 3, 31))),
    ("How many were laid off by the end of March last year?", D(2023, 6, 15), (D(2022, 3, 1), D(2022, 3, 31))),
    ("What will change by the start of May?", D(2023, 6, 15), None),
    # A year or month naming what follows is no edge of it (a review's "2023 NFL season" was January).
    ("What happened at the start of 2023 NFL season?", D(2023, 12, 10), (D(2023, 1, 1), D(2023, 12, 10))),
    ("What happened at the end of March Madness?", D(2023, 6, 15), None),
    ("What happened at the end of the war?", D(2023, 6, 15), None),
    ("What happened since the end of February?", D(2023, 6, 15), (D(2023, 2, 21), D(2023, 6, 15))),
    # --- a year's start (January and February), middle (June and July) and end (November and December)
    ("What happened at the start of the year?", D(2023, 6, 15), (D(2023, 1, 1), D(2023, 2, 28))),
    ("Who resigned at the end of last year?", D(2023, 6, 15), (D(2022, 11, 1), D(2022, 12, 31))),
    ("What happened at the beginning of 2022?", D(2023, 6, 15), (D(2022, 1, 1), D(2022, 2, 28))),
    ("How much have sales grown since the start of the year?", D(2023, 6, 15), (D(2023, 1, 1), D(2023, 6, 15))),
    ("Who will leave Congress at the end of the year?", D(2023, 6, 15), None),
    # --- a broadcast's name is no day (a chat's "thursday night football" was searched on last Thursday)
    ("who has thursday night football", D(2023, 5, 16), None),
    ("Who will broadcast Sunday Night Baseball?", D(2023, 5, 16), None),
    ("What happened on Thursday night?", D(2023, 5, 16), (D(2023, 5, 11), D(2023, 5, 11))),
    # --- two months said together: both, and the months between
    ("What happened in January and February?", D(2023, 6, 15), (D(2023, 1, 1), D(2023, 2, 28))),
    ("What happened in December and January?", D(2023, 6, 15), (D(2022, 12, 1), D(2023, 1, 31))),
    ("Who resigned in March or April 2022?", D(2023, 6, 15), (D(2022, 3, 1), D(2022, 4, 30))),
    ("How did prices change in May and June?", D(2023, 6, 15), (D(2023, 5, 1), D(2023, 6, 15))),
    # Said the other way round, of one year: only December and January cross one (a review's).
    ("What happened in February and January?", D(2023, 6, 15), (D(2023, 1, 1), D(2023, 2, 28))),
    ("What happened in December and November?", D(2023, 6, 15), (D(2022, 11, 1), D(2022, 12, 31))),
    ("What happened in January and December?", D(2023, 6, 15), None),  # two periods, not the year between
    # Read as a pair: this May, though June is still to come (a third review's had read 2022's pair).
    ("What happened in May and June?", D(2023, 5, 20), (D(2023, 5, 1), D(2023, 5, 20))),
    ("What happened in December and January?", D(2023, 12, 20), (D(2023, 12, 1), D(2023, 12, 20))),
    ("What happened in November and January?", D(2023, 6, 15), (D(2022, 11, 1), D(2023, 1, 31))),
    # Asked of what is to come: the pair to come, never searched (a fourth review's had read 2022's).
    ("Will the Fed raise rates in July and September?", D(2023, 6, 15), None),
    ("What will happen in December and January?", D(2023, 6, 15), None),
    ("Is the Fed expected to hike rates in July and September?", D(2023, 6, 15), None),  # a fifth review's
    ("What happened in May and June last year?", D(2023, 6, 15), (D(2022, 5, 1), D(2022, 6, 30))),
    # --- months ago: the 15 days about that day; a comparison names no period
    ("What happened a month ago?", D(2023, 6, 15), (D(2023, 5, 8), D(2023, 5, 22))),
    ("Who won two months ago?", D(2023, 6, 15), (D(2023, 4, 8), D(2023, 4, 22))),
    ("How much did prices rise from a month ago?", D(2023, 6, 15), None),
    ("Are prices lower than two months ago?", D(2023, 6, 15), None),
    # A count said loosely, or a comparison further back, is none either (a review's).
    ("What happened to Silicon Valley Bank more than two months ago?", D(2023, 6, 15), None),
    ("What happened to Damar Hamlin a few months ago?", D(2023, 6, 15), None),
    ("Are mortgage rates higher than they were a month ago?", D(2023, 6, 15), None),
    ("Why are stocks up from about a month ago?", D(2023, 6, 15), None),
    ("Who won about two months ago?", D(2023, 6, 15), (D(2023, 4, 8), D(2023, 4, 22))),
    ("What news came from Ukraine a month ago?", D(2023, 6, 15), (D(2023, 5, 8), D(2023, 5, 22))),
    ("Are mortgage rates higher than what they were a month ago?", D(2023, 6, 15), None),
    ("Is gas cheaper than the price was a month ago?", D(2023, 6, 15), None),
    ("How does it compare to a month ago?", D(2023, 6, 15), None),
    ("Is inflation lower than it had been two months ago?", D(2023, 6, 15), None),
    ("How do prices look in comparison to a month ago?", D(2023, 6, 15), None),
    # A relative clause after a comparison is still one (a sixth review's).
    ("Are mortgage rates higher than the ones that were two months ago?", D(2023, 6, 15), None),
    ("Why are stocks up from the lows that were a month ago?", D(2023, 6, 15), None),
    (
        "What did we learn from the bank collapse that was two months ago?",
        D(2023, 6, 15),
        (D(2023, 4, 8), D(2023, 4, 22)),
    ),
    ("What happened at least two months ago?", D(2023, 6, 15), None),
    # --- quarters: "Q1", or with a year; this year's once it has started
    ("What were Tesla's sales in Q1?", D(2023, 3, 15), (D(2023, 1, 1), D(2023, 3, 15))),
    ("What were Tesla's sales in Q3?", D(2023, 3, 15), (D(2022, 7, 1), D(2022, 9, 30))),
    ("How much did profits grow in the first quarter of 2022?", D(2023, 3, 15), (D(2022, 1, 1), D(2022, 3, 31))),
    ("What did Apple earn in Q4 2022?", D(2023, 3, 15), (D(2022, 10, 1), D(2022, 12, 31))),
    ("What did Apple earn in Q1 of 2022?", D(2023, 3, 15), (D(2022, 1, 1), D(2022, 3, 31))),
    # a game's quarter is no period
    ("Who scored in the fourth quarter?", D(2023, 3, 15), None),
    ("Which logo was a late April Fool’s Day prank?", D(2023, 4, 7), None),
    # --- seasons (meteorological) and holidays, which the probe found ignored
    ("What happened in the spring?", D(2023, 3, 15), (D(2023, 3, 1), D(2023, 3, 15))),
    ("Which films came out in the summer of 2022?", D(2023, 3, 15), (D(2022, 6, 1), D(2022, 8, 31))),
    ("Who won last winter?", D(2023, 3, 15), (D(2022, 12, 1), D(2023, 2, 28))),  # just ended
    ("Who won last winter?", D(2023, 1, 15), (D(2021, 12, 1), D(2022, 2, 28))),  # not the current one
    ("What happened this winter?", D(2023, 3, 15), (D(2022, 12, 1), D(2023, 2, 28))),
    ("Which brand will change its logo this fall?", D(2023, 3, 31), None),  # to come: never searched
    ("Who won the Winter Olympics?", D(2023, 3, 15), None),
    ("What happened after the fall of Kabul?", D(2023, 3, 15), None),
    ("Did prices fall?", D(2023, 3, 15), None),
    ("Which stars are seen in the summer night sky?", D(2023, 3, 15), None),
    # A casual news question's: the season then goes on with its clause.
    ("was this summer the hottest ever?", D(2023, 9, 11), (D(2023, 6, 1), D(2023, 8, 31))),
    ("Last winter was the coldest in years?", D(2023, 9, 11), (D(2022, 12, 1), D(2023, 2, 28))),
    ("Where did this winter storm hit?", D(2023, 1, 15), None),
    ("What did the Pope say on Christmas?", D(2023, 3, 15), (D(2022, 12, 25), D(2022, 12, 25))),
    ("Who was arrested on Christmas Eve?", D(2023, 3, 15), (D(2022, 12, 24), D(2022, 12, 24))),
    ("What happened over Thanksgiving?", D(2023, 3, 15), (D(2022, 11, 24), D(2022, 11, 24))),
    ("Where did Banksy paint on Valentine’s Day?", D(2023, 2, 17), (D(2023, 2, 14), D(2023, 2, 14))),
    # With a year, that year's (a probe's "Christmas 2021" had searched Christmas 2022).
    ("What happened on Christmas 2021?", D(2023, 3, 1), (D(2021, 12, 25), D(2021, 12, 25))),
    ("Who spoke on Christmas Eve 2020?", D(2023, 3, 1), (D(2020, 12, 24), D(2020, 12, 24))),
    ("How many flew over Thanksgiving 2021?", D(2023, 3, 1), (D(2021, 11, 25), D(2021, 11, 25))),
    ("What sold best for Halloween of 2022?", D(2023, 3, 1), (D(2022, 10, 31), D(2022, 10, 31))),
    ("What happened at Christmas in 2021?", D(2023, 3, 1), (D(2021, 12, 25), D(2021, 12, 25))),
    ("What happened on Christmas 2024?", D(2023, 3, 1), None),  # to come: never searched
    # A holiday's name before a noun is a topic (a probe's "Christmas song" searched Dec 25 alone).
    ("Which Christmas song topped the Hot 100?", D(2023, 12, 10), None),
    ("How many people flew for Thanksgiving travel?", D(2023, 12, 1), None),
    ("How did Christmas tree prices change?", D(2023, 12, 10), None),
    ("What did Biden say in his Christmas message?", D(2023, 12, 28), None),
    ("Where was the Christmas Day shooting?", D(2023, 3, 15), (D(2022, 12, 25), D(2022, 12, 25))),
    # A month asked of with no verb, as a follow-up does, is the news's (a chat probe's was January 2024).
    ("What about in January? McCarthy Republicans", D(2023, 10, 26), (D(2023, 1, 1), D(2023, 1, 31))),
    ("What happens in January?", D(2023, 10, 26), None),  # to come: never searched
    ("Okay. What happens in January?", D(2023, 10, 26), None),  # "Okay." is no month (a review's)
    # Talked of, not when (a quiz's scholar "who talks about Thanksgiving" was searched on Nov 23).
    ("Paula Peters, who talks about Thanksgiving and erasure, is of which tribe?", D(2023, 11, 23), None),
    ("How do Native Americans view Thanksgiving?", D(2023, 11, 23), None),
    ("What is the history of Christmas?", D(2023, 12, 28), None),
    ("On which Thursday of November is Thanksgiving celebrated?", D(2023, 11, 23), None),
    ("What did Pope Francis say on Christmas?", D(2023, 12, 28), (D(2023, 12, 25), D(2023, 12, 25))),
    ("How did Ukrainians celebrate Christmas?", D(2023, 12, 28), (D(2023, 12, 25), D(2023, 12, 25))),
    ("Why do we celebrate Juneteenth?", D(2023, 12, 18), None),
    ("How do Americans celebrate Thanksgiving?", D(2023, 12, 18), None),
    # "Ahead of" a day is the month before it (a quiz's searched July 4 alone, and missed the Jul 1
    # story; another's searched from 1900 on).
    ("What was the top barbecue search ahead of July 4th?", D(2023, 7, 7), (D(2023, 6, 4), D(2023, 7, 3))),
    ("Most searched BBQ food ahead of the Fourth of July?", D(2023, 7, 4), (D(2023, 6, 4), D(2023, 7, 3))),
    ("What did polls show in the run-up to March 1?", D(2023, 6, 1), (D(2023, 1, 30), D(2023, 2, 28))),
    ("Who led polls in the lead-up to March 1?", D(2023, 6, 1), (D(2023, 1, 30), D(2023, 2, 28))),
    # A day still to come is in its run-up now; another period named wins; a week said is a week.
    ("What are people buying ahead of Christmas?", D(2023, 12, 20), (D(2023, 11, 20), D(2023, 12, 20))),
    ("What are people buying ahead of Christmas?", D(2023, 11, 24), (D(2023, 10, 25), D(2023, 11, 24))),
    ("What did the Fed say in May ahead of July 4th?", D(2023, 7, 7), (D(2023, 5, 1), D(2023, 5, 31))),
    # But not to a period that holds the run-up (a second review's).
    ("What was the top barbecue search ahead of July 4th this year?", D(2023, 7, 7), (D(2023, 6, 4), D(2023, 7, 3))),
    ("What did shoppers buy ahead of Christmas last year?", D(2023, 3, 1), (D(2022, 11, 25), D(2022, 12, 24))),
    # The run-up of that period's day, not the latest's (a third review's).
    ("What did people buy ahead of July 4th last year?", D(2023, 7, 7), (D(2022, 6, 4), D(2022, 7, 3))),
    ("What did shoppers buy ahead of Christmas last year?", D(2023, 12, 20), (D(2022, 11, 25), D(2022, 12, 24))),
    ("What happened in the week leading up to Christmas?", D(2023, 12, 28), (D(2023, 12, 18), D(2023, 12, 24))),
    ("What happened before July 4th?", D(2023, 7, 7), (D(1900, 1, 1), D(2023, 7, 3))),  # all before it
    # "Heading into" a day is its run-up, with "the" and its weekend too (a quiz's "heading into
    # the July Fourth weekend", asked on its Saturday, had been that Saturday alone); "July Fourth"
    # is the holiday, not July ("ahead of July" had been June).
    ("What's the price of gas heading into the July Fourth weekend?", D(2022, 7, 2), (D(2022, 6, 2), D(2022, 7, 2))),
    ("What is the gas price ahead of July Fourth?", D(2022, 7, 2), (D(2022, 6, 2), D(2022, 7, 2))),
    ("What is the gas price going into July Fourth?", D(2022, 6, 28), (D(2022, 5, 29), D(2022, 6, 28))),
    ("How many people are traveling over the July Fourth weekend?", D(2022, 7, 20), (D(2022, 7, 2), D(2022, 7, 4))),
    # A year naming an event is none to run up to (a review's: "the 2022 midterms" was December 2021).
    ("What did polls show ahead of the 2022 midterms?", D(2022, 11, 20), None),
    ("Which players are going into the 2023 Hall of Fame?", D(2023, 3, 15), None),
    # A year ago today, this week or this month: that day, week or month; this time last year, the
    # 15 days about that day, as "a month ago" (an edge-case tester's "one year ago today" had been
    # today). Not "a year ago" alone, which goes with a month or a game ("in June a year ago", "the
    # Super Bowl a year ago": a review's), nor in a comparison.
    ("What happened in Ukraine one year ago today?", D(2023, 2, 24), (D(2022, 2, 24), D(2022, 2, 24))),
    ("A YEAR AGO TODAY what happened in Ukraine?", D(2023, 2, 24), (D(2022, 2, 24), D(2022, 2, 24))),
    ("What happened a year ago this week?", D(2023, 3, 15), (D(2022, 3, 8), D(2022, 3, 15))),
    ("What happened a year ago this month?", D(2023, 3, 15), (D(2022, 3, 1), D(2022, 3, 31))),
    ("What happened this time last year?", D(2023, 3, 15), (D(2022, 3, 8), D(2022, 3, 22))),
    ("What happened on this day last year?", D(2024, 2, 29), (D(2023, 2, 28), D(2023, 2, 28))),
    ("What happened in June a year ago?", D(2023, 7, 15), (D(2022, 6, 1), D(2022, 6, 30))),
    ("Who won the Super Bowl a year ago?", D(2023, 3, 15), None),
    ("What happened half a year ago?", D(2023, 3, 15), None),
    ("Prices are up 6% from this time last year. Why?", D(2023, 3, 15), None),
    # A quarter of a year said as this or last, and the quarter under way or before (the tester's
    # "the first quarter of this year" had been the whole year); "in the last quarter" is a game's.
    ("What happened in the first quarter of this year?", D(2023, 6, 15), (D(2023, 1, 1), D(2023, 3, 31))),
    ("What happened in the last quarter of 2022?", D(2023, 3, 15), (D(2022, 10, 1), D(2022, 12, 31))),
    ("What happened in the first quarter of last year?", D(2023, 2, 1), (D(2022, 1, 1), D(2022, 3, 31))),
    ("What happened in the first quarter of the year?", D(2023, 8, 1), (D(2023, 1, 1), D(2023, 3, 31))),
    ("How did GDP grow last quarter?", D(2023, 8, 1), (D(2023, 4, 1), D(2023, 6, 30))),
    ("How did GDP grow last quarter?", D(2023, 2, 1), (D(2022, 10, 1), D(2022, 12, 31))),
    ("What happened this quarter?", D(2023, 11, 15), (D(2023, 10, 1), D(2023, 11, 15))),
    ("What happened in the first quarter of the year 2022?", D(2023, 8, 1), (D(2022, 1, 1), D(2022, 3, 31))),
    # A game's quarter, or no quarter of a year (a review's).
    ("Who scored in the last quarter?", D(2023, 8, 1), None),
    ("Who scored in his last quarter?", D(2023, 8, 1), None),
    ("How did Apple's last quarter go?", D(2023, 8, 1), (D(2023, 4, 1), D(2023, 6, 30))),
    ("Who scored in the Lakers' last quarter?", D(2023, 8, 1), None),
    ("How did the Celtics do in that last quarter?", D(2023, 8, 1), None),
    ("Who won last quarter-final?", D(2023, 8, 1), None),
    ("Who lives in this quarter of Paris?", D(2023, 8, 1), None),
    ("Who scored in the fourth quarter of last year's Super Bowl?", D(2023, 2, 20), (D(2022, 1, 1), D(2022, 12, 31))),
    # A part of last or this year or month (the tester's "late last year" was all of 2022).
    ("What happened late last year?", D(2023, 3, 15), (D(2022, 9, 1), D(2022, 12, 31))),
    ("What happened early this year?", D(2023, 6, 15), (D(2023, 1, 1), D(2023, 4, 30))),
    ("What happened mid-last year?", D(2023, 3, 15), (D(2022, 5, 1), D(2022, 8, 31))),
    ("What happened early last month?", D(2023, 3, 15), (D(2023, 2, 1), D(2023, 2, 10))),
    ("What happened late last month?", D(2023, 1, 15), (D(2022, 12, 21), D(2022, 12, 31))),
    ("What happened early this month?", D(2023, 3, 15), (D(2023, 3, 1), D(2023, 3, 10))),
    # A RealTimeQA-style quiz's: a fixture told on its own weekday is told in the week's previews;
    # a deadline is no last weekday; a holiday said to fall this week leaves the week asked about.
    (
        "The first Republican presidential debate is on Wednesday night. How long will closing remarks be?",
        D(2023, 8, 16),
        (D(2023, 8, 9), D(2023, 8, 16)),
    ),
    ("Crews hope to contain the Rabbit Fire by Wednesday. Near which city is it?", D(2023, 7, 18), None),
    ("How many homes were destroyed by Sunday night's tornado?", D(2023, 8, 17), (D(2023, 8, 13), D(2023, 8, 13))),
    ("Crews hope to contain the fire by Wednesday night. Near which city?", D(2023, 8, 16), None),
    ("The debate is on Wednesday night on Fox. Who qualified?", D(2023, 8, 16), (D(2023, 8, 9), D(2023, 8, 16))),
    ("Who holds the record for most home runs in July?", D(2023, 8, 17), (D(2023, 7, 1), D(2023, 7, 31))),
    (
        "Thanksgiving is this week. Which editor campaigned for the holiday?",
        D(2023, 11, 25),
        (D(2023, 11, 18), D(2023, 11, 25)),
    ),
    # A decade's ten years (the tester's "in the 2010s" was declined as no article mentioning 2010);
    # "the 90s" is as often a temperature.
    ("What happened in the 2010s with TikTok?", D(2023, 3, 15), (D(2010, 1, 1), D(2019, 12, 31))),
    ("What happened in the 2020s?", D(2023, 3, 15), (D(2020, 1, 1), D(2023, 3, 15))),
    ("Will temperatures stay in the 90s?", D(2023, 3, 15), None),
    ("Which star of the 1990s sitcom Friends died?", D(2023, 11, 1), None),
    ("In the 2000s what happened to Nokia?", D(2023, 3, 15), (D(2000, 1, 1), D(2009, 12, 31))),
    ("What did Theresa May a year ago say?", D(2023, 3, 15), None),
    ("How does inflation compare with late last year?", D(2023, 3, 15), None),
    # Up to now is no period; today's is today's (the tester's "up until today" was today alone).
    ("What happened up until today?", D(2023, 3, 15), None),
    ("What happened before today?", D(2023, 3, 15), None),
    ("What happened before today's vote?", D(2023, 3, 15), (D(2023, 3, 15), D(2023, 3, 15))),
    # A kind of day, and a holiday as what is made one, are no day searched (a quiz's).
    ("Why are the Golden Globes on a Tuesday?", D(2023, 1, 11), None),
    ("Why are the Golden Globes on a Tuesday this year?", D(2023, 1, 11), (D(2023, 1, 1), D(2023, 1, 11))),
    ("Who was shot in the Tuesday night shooting?", D(2023, 1, 11), (D(2023, 1, 10), D(2023, 1, 10))),
    ("Which president made Juneteenth a federal holiday?", D(2023, 6, 10), None),
    # A calendar's rule is no day either (a quiz writer's was searched on last Monday).
    ("Which law moved Washington's birthday to the third Monday of February?", D(2023, 2, 22), None),
    ("When does the Supreme Court term start on the first Monday in October?", D(2023, 10, 5), None),
    ("What did the court decide on Monday?", D(2023, 10, 5), (D(2023, 10, 2), D(2023, 10, 2))),
    ("Was Christmas a busy holiday for airlines?", D(2022, 12, 28), (D(2022, 12, 25), D(2022, 12, 25))),
    ("In what year did Lincoln proclaim Thanksgiving a national holiday?", D(2013, 11, 27), None),
    # Made, moved, a first time, a year asked of: the holiday's history (a quiz's were searched on the day).
    ("which president signed the law making thanksgiving the fourth thursday of november", D(2023, 11, 23), None),
    # The first one ever, or who began it (an edge-case tester's); a first since something is this year's.
    ("When was the first Thanksgiving?", D(2023, 11, 24), None),
    ("Who started Mother's Day?", D(2023, 5, 15), None),
    ("When was the first Juneteenth?", D(2023, 6, 20), None),
    # A month or day of the year said after it (an edge-case tester's were this year's).
    ("What happened in March last year?", D(2023, 12, 1), (D(2022, 3, 1), D(2022, 3, 31))),
    ("What happened on July 4 last year?", D(2023, 12, 1), (D(2022, 7, 4), D(2022, 7, 4))),
    ("What happened on July 4th two years ago?", D(2023, 12, 1), (D(2021, 7, 4), D(2021, 7, 4))),
    ("What happened on February 30 last year?", D(2023, 12, 1), None),
    # A second review's: this year's day keeps it; a holiday made something else, a first of the war.
    ("Who made Thanksgiving a travel nightmare?", D(2023, 11, 25), (D(2023, 11, 23), D(2023, 11, 23))),
    ("How was the first Christmas Day of the war?", D(2023, 12, 26), (D(2023, 12, 25), D(2023, 12, 25))),
    ("Who started Thanksgiving at quarterback for the Cowboys?", D(2023, 11, 25), (D(2023, 11, 23), D(2023, 11, 23))),
    ("what happened today show me the headlines", D(2023, 4, 2), (D(2023, 4, 2), D(2023, 4, 2))),
    ("When was the first Thanksgiving held?", D(2023, 11, 24), None),
    # A show of the name (a reader's was searched on the day asked).
    ("what did bad bunny's t-shirt say on the tonight show", D(2023, 4, 2), None),
    ("Who was on the Today show?", D(2023, 4, 2), None),
    ("Who is on the Tonight Show tonight?", D(2023, 4, 2), (D(2023, 4, 2), D(2023, 4, 2))),
    ("what year did the detroit lions first play on thanksgiving", D(2023, 11, 23), None),
    ("Which president moved Thanksgiving to the fourth Thursday in November?", D(2023, 11, 23), None),
    # This year's day still (a review's): a first of the day, a record made on it, a year-end.
    ("Who scored the first touchdown on Thanksgiving?", D(2023, 11, 25), (D(2023, 11, 23), D(2023, 11, 23))),
    ("Who made Thanksgiving Day history?", D(2023, 11, 25), (D(2023, 11, 23), D(2023, 11, 23))),
    ("What year-end deals were there on Black Friday?", D(2023, 11, 28), (D(2023, 11, 24), D(2023, 11, 24))),
    ("Who played on Thanksgiving?", D(2023, 11, 25), (D(2023, 11, 23), D(2023, 11, 23))),
    (
        "What did the Lions play on Thanksgiving for the first time since 2019?",
        D(2023, 11, 25),
        (D(2023, 11, 23), D(2023, 11, 23)),
    ),
    # A holiday's long weekend: Thursday to Sunday, Saturday to Monday, Saturday to the Tuesday.
    ("What happened Thanksgiving weekend?", D(2023, 12, 1), (D(2023, 11, 23), D(2023, 11, 26))),
    ("What was the news over Labor Day weekend?", D(2023, 9, 20), (D(2023, 9, 2), D(2023, 9, 4))),
    ("How many people traveled over the Fourth of July weekend?", D(2023, 7, 20), (D(2023, 7, 1), D(2023, 7, 4))),
    # Halves of a year; "the first half" alone is a game's.
    ("What happened in the first half of 2023?", D(2023, 12, 18), (D(2023, 1, 1), D(2023, 6, 30))),
    ("What happened in the second half of 2023?", D(2023, 12, 18), (D(2023, 7, 1), D(2023, 12, 18))),
    ("What were H1 2023 earnings?", D(2023, 12, 18), (D(2023, 1, 1), D(2023, 6, 30))),
    ("What happened in the second half of last year?", THU, (D(2022, 7, 1), D(2022, 12, 31))),
    ("Who scored in the first half?", THU, NO_RANGE),
    # The week before last, a fortnight ago, the year to date; a day beside a day.
    ("What happened to SVB the week before last?", D(2023, 3, 22), (D(2023, 3, 1), D(2023, 3, 12))),
    ("What happened a fortnight ago?", D(2023, 12, 18), (D(2023, 12, 1), D(2023, 12, 7))),
    ("How many mass shootings have there been year to date?", D(2023, 5, 10), (D(2023, 1, 1), D(2023, 5, 10))),
    ("How many mass shootings ytd?", D(2023, 5, 10), (D(2023, 1, 1), D(2023, 5, 10))),
    ("What happened the day after Thanksgiving?", D(2023, 12, 1), (D(2023, 11, 24), D(2023, 11, 24))),
    ("What happened the day after March 3?", D(2023, 12, 1), (D(2023, 3, 4), D(2023, 3, 4))),
    # A year of two digits after an apostrophe (a probe's "November '22" was declined for "22").
    ("What happened with FTX in November '22?", D(2023, 6, 1), (D(2022, 11, 1), D(2022, 11, 30))),
    ("What happened in late '22?", D(2023, 6, 1), (D(2022, 9, 1), D(2022, 12, 31))),
    ("What did Sam's '22 record say?", D(2023, 6, 1), NO_RANGE),
    # The United States' holidays (a probe's had been searched in the whole archive).
    ("What happened on Memorial Day?", D(2023, 9, 20), (D(2023, 5, 29), D(2023, 5, 29))),
    ("What did Biden say on MLK Day?", THU, (D(2023, 1, 16), D(2023, 1, 16))),
    ("What did Biden say on Martin Luther King Jr. Day?", THU, (D(2023, 1, 16), D(2023, 1, 16))),
    ("Which stores closed on Presidents' Day?", D(2023, 3, 1), (D(2023, 2, 20), D(2023, 2, 20))),
    ("What happened at Easter?", D(2023, 5, 1), (D(2023, 4, 9), D(2023, 4, 9))),
    ("What happened on Juneteenth?", D(2023, 7, 1), (D(2023, 6, 19), D(2023, 6, 19))),
    ("What happened on Mother's Day 2022?", THU, (D(2022, 5, 8), D(2022, 5, 8))),
    ("What happened on New Year's?", D(2023, 1, 10), (D(2023, 1, 1), D(2023, 1, 1))),
    # Said of what will be: the coming one, however near the last (a dev question's "The NFL's game
    # on Black Friday will feature …" had been read as last November's).
    ("Which teams will play on Black Friday?", D(2023, 5, 12), NO_RANGE),
    ("Who will perform in March?", D(2023, 5, 12), NO_RANGE),
    ("Which teams played on Black Friday?", D(2023, 5, 12), (D(2022, 11, 25), D(2022, 11, 25))),
    # A review's: a past-tense or other clause keeps its date when the question says "will" or
    # "Will" (a name), and "plans" or "expected" are nouns.
    ("What plans did the council announce in March?", D(2023, 6, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    ("What did Will Smith say in March?", D(2023, 6, 1), (D(2023, 3, 1), D(2023, 3, 31))),
    ("Who will replace the minister who resigned on March 3?", D(2023, 6, 1), (D(2023, 3, 3), D(2023, 3, 3))),
    ("What is expected between March and May?", D(2023, 6, 1), (D(2023, 3, 1), D(2023, 5, 31))),
    # Holidays however written (a review's KeyError), and "the week before last" of nothing else.
    ("What happened on Labour Day?", D(2023, 12, 1), (D(2023, 9, 4), D(2023, 9, 4))),
    ("What happened on Mothers' Day?", D(2023, 12, 1), (D(2023, 5, 14), D(2023, 5, 14))),
    ("What happened on Martin Luther King, Jr. Day?", D(2023, 12, 1), (D(2023, 1, 16), D(2023, 1, 16))),
    ("What happened since Valentines?", D(2023, 3, 1), (D(2023, 2, 14), D(2023, 3, 1))),
    ("What happened on the day after Monday?", D(2023, 6, 1), (D(2023, 5, 30), D(2023, 5, 30))),
    ("What happened the week before last year's election?", D(2023, 6, 1), (D(2022, 1, 1), D(2022, 12, 31))),
    # The week (or day) beside a day, "last Friday" too (a review's read as last Friday alone).
    ("What happened the week before last Friday?", D(2023, 5, 10), (D(2023, 4, 28), D(2023, 5, 4))),
    ("What happened the day before last Friday?", D(2023, 5, 10), (D(2023, 5, 4), D(2023, 5, 4))),
    ("What happened the week after Christmas?", D(2023, 5, 10), (D(2022, 12, 26), D(2023, 1, 1))),
    ("What happened the week before March 3?", D(2023, 5, 10), (D(2023, 2, 24), D(2023, 3, 2))),
    ("What happened the week before Christmas?", D(2023, 12, 20), (D(2023, 12, 18), D(2023, 12, 20))),
    # A month in the past tense is the last one, however near the next (a probe's, on Dec 31).
    ("What happened with the debt ceiling in January?", D(2023, 12, 31), (D(2023, 1, 1), D(2023, 1, 31))),
    ("Who was elected speaker in January?", D(2023, 12, 28), (D(2023, 1, 1), D(2023, 1, 31))),
    ("What will happen in January?", D(2023, 12, 31), NO_RANGE),
    # "As of" a month, year or day: what was reported then (a probe's was read as of today).
    ("What was the latest on the writers strike as of September?", D(2023, 12, 1), (D(2023, 9, 1), D(2023, 9, 30))),
    ("How many had died as of March 3?", D(2023, 12, 1), (D(2023, 2, 25), D(2023, 3, 3))),
    ("How many hostages are held as of March 2024?", D(2023, 12, 31), NO_RANGE),  # ahead: see after_as_of
    # Two digits ending a clause are a year ("Who won the World Series '22?"; "Apollo '13" is so too).
    ("Who won the World Series '22?", D(2023, 5, 10), (D(2022, 1, 1), D(2022, 12, 31))),
    ("What happened in '13?", D(2023, 5, 10), (D(2013, 1, 1), D(2013, 12, 31))),
    # A holiday's long weekend a few days ahead is the coming one, as its day is (a month is not).
    ("What happened over Labor Day weekend?", D(2023, 8, 31), NO_RANGE),
    ("Who starred in Christmas Day games?", D(2023, 12, 31), (D(2023, 12, 25), D(2023, 12, 25))),
    ("Who directed Halloween?", D(2023, 12, 31), NO_RANGE),
    # Not the United States' holiday, or a topic.
    ("Did you watch the Independence Day movie?", D(2023, 12, 1), NO_RANGE),
    ("Who directed Independence Day?", D(2023, 12, 1), NO_RANGE),
    ("Who starred in Independence Day?", D(2023, 12, 1), NO_RANGE),
    ("Is there a sequel to Independence Day?", D(2023, 12, 1), NO_RANGE),
    ("What happened on Independence Day?", D(2023, 12, 1), (D(2023, 7, 4), D(2023, 7, 4))),
    ("What were the best Mother's Day gifts?", D(2023, 12, 1), NO_RANGE),
    ("What is the Memorial Day Massacre?", D(2023, 12, 1), NO_RANGE),
    ("What happened on Mexican Independence Day?", D(2023, 12, 1), NO_RANGE),
    ("What happened on Ukraine's Independence Day?", D(2023, 9, 1), NO_RANGE),
    ("Who spoke at Holocaust Memorial Day?", THU, NO_RANGE),
    ("What are Easter Island statues made of?", THU, NO_RANGE),
    ("Any New Year's resolutions trends?", THU, NO_RANGE),
    ("How many flew for Thanksgiving?", D(2023, 12, 1), (D(2023, 11, 23), D(2023, 11, 23))),
    # The period goes on after the name (a review's: these had lost their day).
    ("Where did Biden spend Thanksgiving this year?", D(2023, 12, 1), (D(2023, 11, 23), D(2023, 11, 23))),
    ("What happened over the Christmas holidays?", D(2023, 3, 1), (D(2022, 12, 25), D(2022, 12, 25))),
    ("What happened on Thanksgiving Day?", D(2023, 12, 1), (D(2023, 11, 23), D(2023, 11, 23))),
    # "Since" runs from the past; "between" and "after" take the question's tense, as a day does
    # (a probe's "since May" asked in March bounded nothing).
    ("What has Biden said since May?", D(2023, 3, 15), (D(2022, 5, 1), D(2023, 3, 15))),
    ("What has happened to inflation since last May?", D(2023, 1, 20), (D(2022, 5, 1), D(2023, 1, 20))),
    ("What has changed since May?", D(2023, 8, 1), (D(2023, 5, 1), D(2023, 8, 1))),
    # A season too, with or without "the" (a probe's "since the summer" had searched the summer
    # alone, and "since summer" nothing); one still to come is last year's.
    ("What has happened with Hunter Biden since the summer?", D(2023, 12, 1), (D(2023, 6, 1), D(2023, 12, 1))),
    ("What has happened with Hunter Biden since summer?", D(2023, 12, 1), (D(2023, 6, 1), D(2023, 12, 1))),
    ("What has changed since the summer?", D(2023, 3, 1), (D(2022, 6, 1), D(2023, 3, 1))),
    ("What has happened since last summer?", D(2023, 7, 15), (D(2022, 6, 1), D(2023, 7, 15))),
    ("What has happened in Afghanistan since the fall of Kabul?", D(2023, 12, 1), None),  # a review's
    ("Who has been hurt since spring training?", D(2023, 12, 1), None),
    ("What happened between March 1 and March 15?", D(2023, 1, 20), (D(2022, 3, 1), D(2022, 3, 15))),
    ("What happened from March 1 to March 15?", D(2023, 1, 20), (D(2022, 3, 1), D(2022, 3, 15))),
    ("What happened after March 3?", D(2023, 1, 20), (D(2022, 3, 4), D(2023, 1, 20))),
    ("What will change between March 1 and March 15?", D(2023, 1, 20), None),
    # A holiday bounds a span too (a review's "since Christmas" had searched Dec 25 alone).
    ("What has happened with Twitter since Christmas?", D(2023, 3, 1), (D(2022, 12, 25), D(2023, 3, 1))),
    ("What happened between Christmas and New Year's?", D(2023, 3, 1), (D(2022, 12, 25), D(2023, 1, 1))),
    ("What happened after Christmas?", D(2023, 3, 1), (D(2022, 12, 26), D(2023, 3, 1))),
    ("What changed since Thanksgiving 2021?", D(2023, 3, 1), (D(2021, 11, 25), D(2023, 3, 1))),
    # "Since last week" runs on to now (a review's read last week alone).
    ("What has changed since last week?", THU, (D(2023, 1, 19), THU)),
    ("What happened since last year?", THU, (D(2022, 1, 1), THU)),
    ("What changed since yesterday?", THU, (D(2023, 2, 1), THU)),
    # --- a day of the month alone: this month's, or the latest month's that has it
    ("What happened on the 3rd?", D(2023, 3, 15), (D(2023, 3, 3), D(2023, 3, 3))),
    ("Who resigned on the 20th?", D(2023, 3, 15), (D(2023, 2, 20), D(2023, 2, 20))),
    ("What happened on the 31st?", D(2023, 3, 15), (D(2023, 1, 31), D(2023, 1, 31))),
    ("Who lives on the 3rd floor?", D(2023, 3, 15), None),
    # --- typed in a hurry: "wek" was declined as a name no article mentions (probe)
    ("who was ousted as speaker this wek", D(2023, 10, 5), (D(2023, 9, 28), D(2023, 10, 5))),
    ("Who led the polls last wk?", D(2023, 10, 5), (D(2023, 9, 21), D(2023, 10, 1))),
    ("How much has the S&P 500 gained this yr?", D(2023, 10, 5), (D(2023, 1, 1), D(2023, 10, 5))),
    ("What did the Fed do last mth?", D(2023, 10, 5), (D(2023, 9, 1), D(2023, 9, 30))),
]


@pytest.mark.parametrize(("question", "as_of", "expected"), CASES, ids=[f"{q[:50]}@{a}" for q, a, _ in CASES])
def test_resolve_time_range(question: str, as_of: date, expected: tuple[date, date] | None) -> None:
    result = resolve_time_range(question, as_of)
    if expected is None:
        assert result is None, result
        return
    assert result is not None
    assert (result.start, result.end) == expected, result.label
    assert result.start <= result.end <= as_of  # nothing after as_of is ever in range
    assert result.matched in question  # the exact substring


@pytest.mark.parametrize(
    ("question", "as_of", "label", "matched"),
    [
        ("Who won this week?", THU, "this week (2023-01-26 to 2023-02-02)", "this week"),
        ("Who resigned yesterday?", THU, "yesterday (2023-02-01)", "yesterday"),
        ("Who was recently hired?", THU, "recent: the last 30 days (2023-01-03 to 2023-02-02)", "recently"),
        (
            "This past weekend, who won?",
            D(2023, 1, 27),
            "This past weekend (2023-01-21 to 2023-01-22)",
            "This past weekend",
        ),
        ("What happened on March 3?", D(2023, 4, 1), "on March 3 (2023-03-03)", "on March 3"),
        # A day said as its date is not said again (a chat's "on 2023-03-11 (2023-03-11)").
        ("What happened on 2023-03-03?", D(2023, 4, 1), "on 2023-03-03", "on 2023-03-03"),
        ("Who quit in January?", D(2023, 1, 20), "in January (2023-01-01 to 2023-01-20)", "in January"),
        # Typed bare, labelled as it is read (a probe's "Searched: Friday (2023-08-25)").
        ("Who topped the rankings released Friday?", D(2023, 8, 27), "on Friday (2023-08-25)", "Friday"),
        ("Who won March 2023's final?", D(2023, 8, 27), "in March 2023 (2023-03-01 to 2023-03-31)", "March 2023"),
        (  # cut at FLOOR, and the label says so
            "What happened in the past 500 decades?",
            D(2023, 2, 1),
            "in the past 500 decades (1900-01-01 to 2023-02-01; nothing before 1900-01-01 is searched)",
            "in the past 500 decades",
        ),
    ],
)
def test_label_and_matched(question: str, as_of: date, label: str, matched: str) -> None:
    result = resolve_time_range(question, as_of)
    assert result is not None
    assert (result.label, result.matched) == (label, matched)


@pytest.mark.parametrize(
    ("question", "as_of", "stripped"),
    [
        ("Which former pope was laid to rest this week?", THU, "Which former pope was laid to rest?"),
        ("This week, Japan defeated the U.S. in the final.", THU, "Japan defeated the U.S. in the final."),
        # "Day" goes with the holiday's name (a review's "What happened Day?").
        ("Who spoke on Thanksgiving Day?", D(2023, 12, 1), "Who spoke?"),
        (
            "Which royal made a surprise visit to this week’s Chelsea Flower Show?",
            THU,
            "Which royal made a surprise visit to Chelsea Flower Show?",
        ),
        (
            "This week marked 50 years since the first call. Which call? It was this week.",
            THU,
            "marked 50 years since the first call. Which call? It was.",
        ),
        (
            "Aliens were ruled out for the recently-downed objects.",
            THU,
            "Aliens were ruled out for the downed objects.",
        ),
        ("What happened on March 3?", D(2023, 4, 1), "What happened?"),
        ("What did the Fed decide at its July meeting?", D(2023, 7, 28), "What did the Fed decide at its meeting?"),
        ("In 2022, which country lost the most rainforest?", THU, "which country lost the most rainforest?"),
        ("How much (in the past 3 days) did it fall?", THU, "How much did it fall?"),
        ("  Which   company won the most awards ?", THU, "Which company won the most awards?"),
    ],
)
def test_strip_time_expression(question: str, as_of: date, stripped: str) -> None:
    assert strip_time_expression(question, resolve_time_range(question, as_of)) == stripped


def test_strip_without_range_or_days_to_come_only_tidies() -> None:
    assert strip_time_expression("Who won  this week ?", None) == "Who won this week?"


@pytest.mark.parametrize(
    ("question", "upcoming", "stripped"),
    [
        ("Where is Blinken going next month?", "next month", "Where is Blinken going?"),
        ("Who will Blinken meet tomorrow?", "tomorrow", "Who will Blinken meet?"),
        ("What is planned for Paris the coming year?", "the coming year", "What is planned for Paris?"),
        ("What happens in the coming weeks?", "in the coming weeks", "What happens?"),
        ("Next week's summit: who is going?", "Next week", "summit: who is going?"),
        ("Who won the next-to-last race?", None, "Who won the next-to-last race?"),
        ("What is expected in the coming year?", "in the coming year", "What is expected?"),
        ("Tomorrow's vote: who will win?", "Tomorrow", "vote: who will win?"),
        # All of them are left out.
        ("Who plays tomorrow, and who next week?", "tomorrow", "Who plays, and who?"),
        # After an event the question names, and a title: no days still to come.
        ("What happened in the next year after the war?", None, "What happened in the next year after the war?"),
        ("Who stars in The Tomorrow War?", None, "Who stars in The Tomorrow War?"),
        ("Who plays tomorrow in The Tomorrow War?", "tomorrow", "Who plays in The Tomorrow War?"),
        ("Who is the next leader of the party?", None, "Who is the next leader of the party?"),
        # A weekday to come (a tester's "next Monday" had read as the Monday just past).
        ("What happened next Monday?", "next Monday", "What happened?"),
        ("What will Biden do this coming Friday?", "this coming Friday", "What will Biden do?"),
    ],
)
def test_days_still_to_come_name_no_range_and_are_not_searched_for(
    question: str, upcoming: str | None, stripped: str
) -> None:
    assert resolve_time_range(question, THU) is None
    assert upcoming_reference(question) == upcoming
    assert strip_time_expression(question, None) == stripped


def test_time_range_is_frozen() -> None:
    result = resolve_time_range("Who won today?", THU)
    assert isinstance(result, TimeRange)
    with pytest.raises(AttributeError):
        result.start = D(2000, 1, 1)  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Bounds: no question and no as_of day may make the resolver raise (any Discord user can type
# "the past 500 decades"); every range stays within FLOOR..as_of. (hypothesis is not installed,
# so this is a seeded fuzz over the vocabulary the rules know, glued with random text.)
# ---------------------------------------------------------------------------------------------

EXTREME_DAYS = [
    date.min,
    D(1, 1, 3),
    D(1, 1, 9),
    D(1899, 12, 31),
    D(1900, 1, 1),
    D(1900, 1, 6),
    D(1990, 1, 1),
    THU,
    D(2024, 2, 29),
    D(9998, 12, 31),
    D(9999, 12, 25),
    date.max - timedelta(days=1),
    date.max,
]
PIECES = [
    "today", "yesterday", "the day before yesterday", "last night", "this week", "last week", "this weekend",
    "last weekend", "this past weekend", "999 days ago", "3 weeks ago", "a week ago", "in the past 500 decades",
    "the past 999 years", "past 999 months", "the last 12 hours", "the past decade", "recently",
    "in recent months", "this month", "last month", "this year", "last year", "Monday", "last Sunday",
    "this Sunday", "this past Friday", "on March 3", "February 29", "3rd of May", "December 31, 2199",
    "January 1, 1900", "2023-02-30", "9999-12-31", "0001-01-01", "12/31/2199", "May 2023", "in January",
    "in December", "last January", "last December", "in 2022", "late 2199", "early 1000", "since May",
    "since Monday", "since early 2021", "after December 31, 2199", "after 2199", "before January 1, 1900",
    "until 1000", "between May 2023 and June 2023", "from 2199 to 1000", "Black Friday", "USA Today",
    "Labor Day weekend", "on Easter", "Memorial Day 2199", "in late '22", "November '99", "on 13/03/2023", "on 31/12",
    "on Labour Day", "mothers' day", "mother day", "mothers's day", "president' day", "veteran day",
    "saint patricks day", "martin luther king, jr. day", "since valentines", "since new years", "the day after Monday",
    "the week before last", "a month ago", "99999 months ago", "the end of last month", "the start of May 2199",
    "in December and January", "in November and December 9999",
    "the end of last year", "since the start of 9999", "at the beginning of the year",
    "at the end of March 99 years ago", "the start of May the year before last", "in May and June last year",
    "Will", "will",
    "one year ago today", "a year ago this week", "a year ago this month", "a year ago", "this time last year",
    "on this day last year", "last quarter", "this quarter", "the final quarter of last year",
    "the first quarter of the year", "late last year", "early this month", "mid-last month", "up until today",
    "in the 2010s", "the 1900s",
]  # fmt: skip
NOISE = string.ascii_letters + string.digits + string.punctuation + " \t\n’éß"


def random_question(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.7:
            parts.append(rng.choice(PIECES))
        else:
            parts.append("".join(rng.choice(NOISE) for _ in range(rng.randint(0, 12))))
    return rng.choice([" ", ", ", " and ", "-", ""]).join(parts) + rng.choice(["?", ".", "", " 2023?"])


@pytest.mark.parametrize("as_of", EXTREME_DAYS, ids=str)
def test_no_question_and_no_as_of_day_makes_it_raise(as_of: date) -> None:
    questions = [f"What happened {piece}?" for piece in PIECES]
    rng = random.Random(f"timeexpr-{as_of}")  # seeded: a failure is reproducible
    questions += [random_question(rng) for _ in range(400)]
    for question in questions:
        result = resolve_time_range(question, as_of)  # must not raise
        strip_time_expression(question, result)
        if result is not None:
            assert FLOOR <= result.start <= result.end <= as_of, (question, result)
            assert result.matched in question


@pytest.mark.parametrize(
    ("question", "as_of"),
    [
        ("Who resigned last week?", D(1, 1, 3)),  # was OverflowError
        ("Who won this week?", date.max),
        ("What happened since May?", date.max),  # was "year 10000 is out of range"
        ("What happened last month?", date.min),  # was "year 0 is out of range"
        ("What happened last month?", D(1900, 1, 15)),  # December 1899: wholly before FLOOR
        ("What happened a year ago today?", D(1, 1, 3)),
        ("What happened a year ago?", D(1900, 1, 5)),
        ("How did GDP grow last quarter?", D(1900, 2, 1)),
        ("What happened this quarter?", date.max),
    ],
)
def test_ranges_at_the_calendar_edges_stay_in_bounds(question: str, as_of: date) -> None:
    result = resolve_time_range(question, as_of)
    assert result is None or FLOOR <= result.start <= result.end <= as_of


def test_an_event_after_the_day_keeps_the_fixture_to_come() -> None:
    # A review's: "after the slap" comes after the day, and tells nothing of it.
    assert after_as_of("Who is hosting the Oscars on Sunday after the slap last year?", D(2023, 3, 10)) == "on Sunday"


@pytest.mark.parametrize(
    ("question", "as_of", "later"),
    [
        ("What happened to Hamlin on January 5?", D(2023, 1, 3), "on January 5"),  # the nearer January 5 is ahead
        ("What did Blinken do on January 5, 2024?", D(2023, 2, 2), "on January 5, 2024"),
        ("What happened in March this year?", D(2023, 2, 10), "in March this year"),  # a review's had none
        ("Who will win in 2024?", D(2023, 2, 2), "in 2024"),
        ("What is planned in March?", D(2023, 1, 3), "in March"),
        ("How many hostages are held as of March 2024?", D(2023, 12, 31), "as of March 2024"),  # a review's
        # A weekday asked of in the future tense is the one to come (a dev question's "is set to
        # host … Sunday night", asked on a Friday, had been read as the Sunday before).
        ("Which comedian is set to host the Academy Awards Sunday night?", D(2023, 3, 10), "Sunday"),
        ("Who will host the Oscars on Sunday?", D(2023, 3, 9), "on Sunday"),
        # "will" before a name, and a plan, are of the future too (a quiz's, read as the day before).
        ("Which team will Penn State face in its season opener on Saturday?", D(2023, 8, 30), "on Saturday"),
        ("How many Kaiser workers plan a three-day strike beginning Wednesday?", D(2023, 10, 2), "Wednesday"),
        ("What did Will Smith say on Sunday?", D(2023, 10, 2), None),  # a name
        # A scheduled event told in the present is to come, this weekend too (a quiz's had been
        # read as the Sunday and the weekend before); not once a verb of the past tells of it.
        ("Who plays in the Super Bowl on Sunday?", D(2023, 2, 10), "on Sunday"),
        ("Which film adaptation opens in theaters this weekend?", D(2023, 4, 28), "this weekend"),
        ("Which city will host the Final Four this weekend?", D(2023, 3, 31), "this weekend"),
        ("Which film opened in theaters this weekend?", D(2023, 4, 28), None),
        ("Who played in the game that kicked off on Sunday?", D(2023, 2, 10), None),
        # News of now, and an event the question goes on from (a review's, read as days to come).
        ("Who is facing charges over the shooting on Saturday?", D(2023, 1, 23), None),
        ("What is happening in Monterey Park after the shooting on Saturday?", D(2023, 1, 23), None),
        ("Which players are facing suspension after the brawl on Sunday?", D(2023, 1, 23), None),
        ("What role does China play after the talks on Sunday?", D(2023, 1, 23), None),
        ("Who is meeting with Zelensky after the summit on Saturday?", D(2023, 1, 23), None),
        ("Who plays in goal after the injury on Saturday?", D(2023, 1, 23), None),
        # Fixtures still (a second review's, read as the Sunday before).
        ("Which teams play in the Super Bowl on Sunday?", D(2023, 2, 10), "on Sunday"),
        ("Who do the Chiefs play on Sunday?", D(2023, 2, 10), "on Sunday"),
        ("Who is facing the Chiefs on Sunday?", D(2023, 2, 10), "on Sunday"),
        ("Who is facing murder charges over the mall shooting on Saturday?", D(2023, 5, 8), None),
        ("Who is facing off in the Super Bowl on Sunday?", D(2023, 2, 10), "on Sunday"),
        ("Who is facing a lawsuit over the crash on Saturday?", D(2023, 5, 8), None),
        ("Which leaders are meeting in Hiroshima on Friday?", D(2023, 5, 17), "on Friday"),
        # A condition put in the present is of what is to come (a quiz's was last year's Nov 7).
        (
            "If Ohio voters pass Issue 2 on Nov. 7, how many states would have legalized it?",
            D(2023, 10, 27),
            "on Nov. 7",
        ),
        # Searched as usual: nothing named is after as_of.
        ("What happened on Monday?", D(2023, 1, 3), None),
        ("Who hosted the Oscars on Sunday?", D(2023, 3, 9), None),
        ("What will the Fed decide on Thursday?", D(2023, 3, 9), None),  # today
        # A verb of the past tells of the day before (a probe's).
        ("Which airline announced on Sunday it will acquire Frontier?", D(2023, 12, 8), None),
        ("What happened in December?", D(2023, 1, 3), None),
        ("Why did 2150 troops leave?", D(2023, 1, 3), None),  # a number, not a year asked about
        ("What will happen late this year?", D(2023, 3, 15), "late this year"),
        ("The game is set for Sunday. Who starts at quarterback?", D(2023, 8, 10), "Sunday"),
        # History, not the day to come (a quiz's was declined the day before Thanksgiving).
        ("In what year did Lincoln proclaim Thanksgiving a national holiday?", D(2013, 11, 27), None),
        ("Is Juneteenth a federal holiday?", D(2023, 6, 10), None),
        ("What is the gas price heading into July Fourth?", D(2022, 6, 28), None),  # its run-up
        ("What's the mood going into 2024?", D(2023, 7, 2), "2024"),
    ],
)
def test_after_as_of_names_a_period_that_is_never_searched(question, as_of, later):
    assert after_as_of(question, as_of) == later
    if later is not None:
        assert resolve_time_range(question, as_of) is None


@pytest.mark.parametrize(
    ("question", "later"),
    [
        ("Who won the 2024 presidential election?", "2024"),
        ("Which team lost the 2025 Super Bowl?", "2025"),
        # Not asked in the past tense: the 2024 race is news in 2023.
        ("Who is running in the 2024 race?", None),
        ("Who will win the 2024 election?", None),
        # Not a later year: this year's, a figure, an amount.
        ("Who won the 2023 World Series?", None),
        # "Will" of a name, and the noun, ask nothing of the future.
        ("What did Will Smith say about the 2024 Oscars?", "2024"),
        ("What did Lisa Marie Presley's will say in 2024?", "2024"),
        ("Why did 2150 troops leave?", None),
        ("Who won $2,024 in the lottery?", None),
        ("Was the score 2024.5 points?", None),
    ],
)
def test_a_later_year_is_found_only_in_a_question_about_the_past(question, later):
    assert later_year(question, D(2023, 9, 15)) == later


@pytest.mark.parametrize(
    "question",
    [
        "Will the Fed raise rates before June?",
        "What will change until April?",
        "Who leads until 2025?",
        "What happened before 2024?",
        "What changed between 2020 and 2025?",
        "What happened before January 5, 2024?",
    ],
)
def test_an_upcoming_bound_makes_no_range(question):
    # Not 1900..as_of: a bound after as_of says nothing about what to search.
    assert resolve_time_range(question, THU) is None


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("What happened on February 30?", "February 30"),
        ("What happened on Feb. 30th, 2023?", "Feb. 30th, 2023"),
        ("What happened on 2023-02-30?", "2023-02-30"),
        ("What happened on 2023-13-05?", "2023-13-05"),
        ("Who spoke on 31 April?", "31 April"),
        ("What happened on 13/02/2023?", None),  # day first, as often as not
        ("What happened on February 29?", None),  # a day in leap years
        ("What happened on February 29, 2024?", None),
        ("What happened on March 3, 2023?", None),
        ("Who won 30 games in February?", None),
        ("What happened on Dec 32?", "Dec 32"),
        ("What happened on December 35th, 2023?", "December 35th"),
        ("Who spoke on 32nd of May?", "32nd of May"),
        ("In March 34 people died in which storm?", None),  # 34 people, in March
        ("How many died on Dec 32 2023", "Dec 32"),
        # In figures, month first (a tester's "2/31" was answered with a W-2 story).
        ("What happened on 2/31?", "2/31"),
        ("What happened on 2/29/2023?", "2/29/2023"),
        ("What happened on 2/29/2024?", None),
        ("Which stores are open 24/7?", None),
        ("Who spoke on the 9/11 anniversary?", None),
        ("What happened on 12/31?", None),
        ("He scored 2/30 on the test: who?", None),  # a score (a review's)
        ("Who spoke since 4/31?", "4/31"),
        # Day first, which a month's last days can only be (an editor's "31/02/2023" was answered).
        ("What happened on 31/02/2023?", "31/02/2023"),
        ("What happened on 30.02.2023?", "30.02.2023"),
        ("What happened on 2023/02/30?", "2023/02/30"),
        ("What happened on 30/04/2023?", None),
        ("What happened on 2023.02.30?", "2023.02.30"),
    ],
)
def test_a_day_no_calendar_has_is_named(question: str, written: str | None) -> None:
    assert no_such_day(question) == written


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("What happened in East Palestine in early Febuary?", "What happened in East Palestine in early February?"),
        ("How did the UAW strike go in Setpember?", "How did the UAW strike go in September?"),
        ("What happened on Decmber 3?", "What happened on December 3?"),
        # Words of their own, or no month written where a month goes.
        ("Who won the Masters at Augusta?", "Who won the Masters at Augusta?"),
        ("Who was the marcher in Selma?", "Who was the marcher in Selma?"),
        ("Is Novmber a name?", "Is Novmber a name?"),
    ],
)
def test_a_month_misspelt_where_a_month_goes_is_read_as_the_month(text: str, mended: str) -> None:
    """A probe's "Febuary" and "Setpember" were declined as words no article mentions."""
    from bot.timeexpr import months_spelt

    assert months_spelt(text)[0] == mended


def test_a_range_written_with_its_years_that_ends_before_it_starts_is_named():
    as_of = D(2023, 10, 20)
    assert backwards_range("What happened from 2023-03-20 to 2023-03-10?", as_of) == "from 2023-03-20 to 2023-03-10"
    assert backwards_range("Who spoke between March 20, 2023 and March 10, 2023?", as_of) is not None
    # Not a range in order, nor one whose bounds may straddle a new year, nor a change told (a review's).
    assert backwards_range("What happened from 2023-03-10 to 2023-03-20?", as_of) is None
    assert backwards_range("Who led the talks between December 28 and January 15?", D(2023, 1, 3)) is None
    moved = "Which awards show moved its ceremony from September 2023 to January 2023?"
    assert backwards_range(moved, as_of) is None
    assert backwards_range("Which state pushed its primary from 2024 to 2023?", as_of) is None


def test_a_day_before_a_noun_after_the_names_an_event_not_a_later_day() -> None:
    """A chat probe's "wat about the jan 6 one", as of Aug 20, was told "“jan 6” is after 2023-08-20"."""
    as_of = date(2023, 8, 20)
    assert after_as_of("what about the jan 6 one", as_of) is None
    assert after_as_of("Who testified at the Jan 6 hearing?", as_of) is None
    # Asked of what is to come, or of the day itself, it is the next one.
    assert after_as_of("What will happen on the Jan 6 anniversary?", as_of) == "Jan 6"
    assert after_as_of("What happens on Jan 6?", as_of) == "on Jan 6"
    # A month with its year is a period, whatever follows it (a review's).
    assert after_as_of("what happened at the december 2023 summit", as_of) == "december 2023"


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("As of March 1, 2023, who won the Super Bowl?", (D(2023, 3, 1), "who won the Super Bowl?")),
        ("Who won the Super Bowl? as of 2023-03-01", (D(2023, 3, 1), "Who won the Super Bowl?")),
        ("Who won the Super Bowl (as of March 1, 2023)?", (D(2023, 3, 1), "Who won the Super Bowl?")),
        ("as of 3/1/23: who won?", (D(2023, 3, 1), "who won?")),
        # The longest day there is, comma or not (a review's: the year had opened the question).
        ("As of March 1, 2023 who won the Super Bowl?", (D(2023, 3, 1), "who won the Super Bowl?")),
        ("As of Friday, May 5, 2023, who won?", (D(2023, 5, 5), "who won?")),
        # When things take effect, or what is to come: not the day asked as of (a review's).
        ("Which laws take effect as of July 1?", None),
        ("As of July 1, what will change?", None),
        # Last without a comma, or of what is to come, with its year (a third review's).
        ("Who won the Super Bowl as of March 1, 2023?", (D(2023, 3, 1), "Who won the Super Bowl?")),
        ("As of March 1, 2023, who is expected to win?", (D(2023, 3, 1), "who is expected to win?")),
        ("As of the 5th of May, who leads?", None),  # not "of May, who leads?"
        # A period, a day no calendar has, or no day at all: not stated.
        ("As of last week, how many died?", None),
        ("As of Feb 30, 2023, who won?", None),
        ("What does as of mean?", None),
        ("Who won as of the game?", None),
    ],
)
def test_an_as_of_day_said_in_a_question(question: str, stated: tuple[D, str] | None) -> None:
    assert as_of_stated(question, D(2026, 12, 6)) == stated


def test_a_weekday_to_come_at_the_calendars_end_makes_no_range() -> None:
    # The Sunday to come after 9999-12-30 is past the calendar: it had raised OverflowError.
    assert resolve_time_range("Which comedian will host the Oscars on Sunday?", D(9999, 12, 30)) is None
