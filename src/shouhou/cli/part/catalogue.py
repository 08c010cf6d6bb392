"""(being written)"""

import typer

commands = typer.Typer()
