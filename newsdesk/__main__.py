"""`python -m newsdesk`, the same command as the `newsdesk` script."""

from newsdesk.entry import main

main()
