"""Run the command line as `python -m bigcommerce.cli`."""

from bigcommerce.cli import main

main()
