"""argparse that speaks Chinese: usage errors, headings and the help flag.

Every command (including ``lint`` and the trainer commands) is built from
:class:`ChineseParser`, so an editor never meets an English argparse message.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from typing import NoReturn

_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), r"缺少必需的参数：\1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"不认识的参数：\1"),
    (re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)"), r"参数 \1 的取值 \2 无效，可选：\3"),
    (re.compile(r"argument (\S+): expected one argument"), r"参数 \1 后面需要写一个值"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"), r"参数 \1 的值 \3 不是有效的数字或取值"),
    (re.compile(r"argument (\S+): ignored explicit argument (.*)"), r"参数 \1 不接受值 \2"),
)


class ChineseFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        # argparse asks for a bare usage (prefix "") to name a subcommand's program: keep it bare,
        # or every subcommand's help and errors read "用法：用法：python -m scripts_gen …".
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def translate(message: str) -> str:
    for pattern, chinese in _MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are Chinese and exit with code 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", ChineseFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本说明并退出")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.format_usage()}错误：{translate(message)}\n用法说明：{self.prog} --help\n")
