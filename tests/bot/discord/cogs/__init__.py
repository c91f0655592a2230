"""Tests of the cogs (bot/discord/cogs/). A package so that pytest names these modules `cogs.test_*`:
tests/bot/test_timeline.py already takes the plain name `test_timeline`."""
