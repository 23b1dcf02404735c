"""The manual page and the bash completion, made from the command line's own parser.

Made from ``cli.build_parser()`` whenever they are installed, so they can
never describe options the program does not have. Plain Python: no Qt, no
vault.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Final

from wellbeing_app import APP_NAME, __version__

_SECTION: Final = "1"


def _escape(text: str) -> str:
    """Text safe in roff: backslashes doubled, a leading dot or quote made literal."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text[:1] in {".", "'"}:
        text = "\\&" + text
    return text


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public way
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def _option_lines(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):  # noqa: SLF001
            continue
        if action.option_strings:
            names = ", ".join(action.option_strings)
            if action.nargs != 0:
                names += f" {action.metavar or action.dest.upper()}"
        else:
            names = str(action.metavar or action.dest)
        lines += [".TP", f"\\fB{_escape(names)}\\fR", _escape(action.help or "")]
    return lines


def manual_page(parser: argparse.ArgumentParser, *, made_on: date | None = None) -> str:
    """``wellbeing-app.1`` in roff, every command and option as the parser has them."""
    prog = parser.prog
    day = (made_on or date.today()).isoformat()
    lines = [
        f'.TH {prog.upper()} {_SECTION} "{day}" "{APP_NAME} {__version__}" "User Commands"',
        ".SH NAME",
        f"{_escape(prog)} \\- {_escape(parser.description or APP_NAME)}",
        ".SH SYNOPSIS",
        f"\\fB{_escape(prog)}\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR ...]",
        ".SH DESCRIPTION",
        _escape(
            "With no command it opens the desktop app. Every command that opens the vault "
            "asks for the passphrase, or reads it from standard input with --passphrase-stdin."
        ),
        ".SH OPTIONS",
        *_option_lines(parser),
        ".SH COMMANDS",
    ]
    for name, sub in _subcommands(parser).items():
        lines += [".SS " + _escape(name), _escape(sub.description or ""), *_option_lines(sub)]
    if parser.epilog:
        lines += [".SH EXIT STATUS", _escape(parser.epilog)]
    return "\n".join(lines) + "\n"


def bash_completion(parser: argparse.ArgumentParser) -> str:
    """A bash completion script: the commands, then each command's options."""
    prog = parser.prog
    function = "_" + prog.replace("-", "_")
    commands = _subcommands(parser)
    top = [o for a in parser._actions for o in a.option_strings]  # noqa: SLF001
    cases = []
    for name, sub in commands.items():
        options = [o for a in sub._actions for o in a.option_strings]  # noqa: SLF001
        choices = [
            str(c)
            for a in sub._actions  # noqa: SLF001
            if a.choices and not a.option_strings
            for c in a.choices
        ]
        cases.append(
            f'        {name}) options="{" ".join(options)}" words="{" ".join(choices)}" ;;'
        )
    return "\n".join(
        [
            f"# bash completion for {prog} ({APP_NAME} {__version__}), made from its parser",
            f"{function}() {{",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" command="" options="" words="" i',
            "    for ((i = 1; i < COMP_CWORD; i++)); do",
            '        case "${COMP_WORDS[i]}" in',
            f"            {'|'.join(commands)}) command=${{COMP_WORDS[i]}}; break ;;",
            "        esac",
            "    done",
            '    case "$command" in',
            f'        "") options="{" ".join(top)}" words="{" ".join(commands)}" ;;',
            *cases,
            "    esac",
            '    [[ "$cur" == -* ]] && words="$options"',
            "    # Nothing offered (a FILE, say): bash falls back to file names (-o default).",
            '    COMPREPLY=($(compgen -W "$words" -- "$cur"))',
            "    return 0",
            "}",
            f"complete -o default -F {function} {prog}",
            "",
        ]
    )
