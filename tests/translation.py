"""Helpers of the translation tests (tests/test_english.py): the project's templates and the text a
template or a page shows a reader, and a small reader of gettext catalogues (.po)."""

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
#: Folders that are not the project's own: installed packages, built or generated files.
NOT_OURS = {".venv", "node_modules", "var", "bench/data", "staticfiles", ".git", "screenshots"}
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

#: HTML attributes a reader sees or hears (a screen reader reads aria-label and title).
VISIBLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description", "aria-roledescription"}

#: Text that needs no translation, the same in every language: the product's name and the names
#: of a file format and a hash function. Kept short on purpose; everything else with letters
#: belongs in {% translate %} or {% blocktranslate %}.
NOT_WORDS = {"Samverkan", "PDF", "SHA-256"}

#: A placeholder for a template tag or variable: never a letter.
HOLE = "\u2063"


def ours(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return not any(relative == part or relative.startswith(part + "/") for part in NOT_OURS)


def project_templates() -> list[Path]:
    """Every template of the project: templates/ and each app's templates/ folder."""
    found = []
    for path in sorted(ROOT.rglob("templates/**/*")):
        if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".svg"} and ours(path):
            found.append(path)
    return found


def untranslated_source(source: str) -> str:
    """The template's source as a reader would get it without any translation: the text outside
    {% translate %} and {% blocktranslate %}…{% endblocktranslate %}, with every tag, variable and
    translated passage replaced by HOLE, and comments left out."""
    out: list[str] = []
    skip_until: str | None = None
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        if skip_until:
            if token.token_type == TokenType.BLOCK and contents.split()[:1] == [skip_until]:
                skip_until = None
                out.append(HOLE)
            continue
        if token.token_type == TokenType.TEXT:
            out.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = contents.split()[0] if contents else ""
            if name in {"blocktranslate", "blocktrans"}:
                skip_until = "end" + name
            elif name == "comment":
                skip_until = "endcomment"
        out.append(HOLE)
    return "".join(out)


class _TextNodes(HTMLParser):
    """The text nodes and reader-visible attribute values of an HTML (or plain-text) document,
    leaving out scripts, styles and code (such as the embed snippet a kommun copies)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "code"}:
            self._hidden += 1
        for name, value in attrs:
            if value and name in VISIBLE_ATTRIBUTES:
                self.texts.append(value)
        if tag == "input":
            kinds = dict(attrs)
            if kinds.get("type") in {"submit", "button", "reset"} and kinds.get("value"):
                self.texts.append(kinds["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "code"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.texts.append(data)


def text_nodes(html: str) -> list[str]:
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def words_left(text: str) -> str:
    """What of `text` would need a translator: letters, once the holes and NOT_WORDS are gone."""
    text = text.replace(HOLE, " ")
    for word in sorted(NOT_WORDS, key=len, reverse=True):
        text = text.replace(word, " ")
    return text.strip() if LETTERS.search(text) else ""


def unmarked_in_template(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    return [left for text in text_nodes(untranslated_source(source)) if (left := words_left(text))]


# --- Python ----------------------------------------------------------------------------------

#: Calls whose string arguments are marked for translation, or are not for a reader at all.
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext"}
#: Swedish in a string: its own letters, or one of its commonest words that English lacks.
SWEDISH_LETTERS = re.compile(
    r"[åäöÅÄÖ]|\b(och|att|som|inte|eller|med|ska|kan|har|till|av|det|den|ett|en|per|Kommun|Status|Aktivitet|Organisation|Ingen|Inga)\b"
)


@dataclass
class PythonString:
    path: Path
    line: int
    text: str


@dataclass
class _Scanner(ast.NodeVisitor):
    path: Path
    found: list[PythonString] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    _marked: set[int] = field(default_factory=set)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in GETTEXT or name in self.aliases:
            for argument in node.args:
                for inner in ast.walk(argument):
                    self._marked.add(id(inner))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and id(node) not in self._marked:
            self.found.append(PythonString(self.path, node.lineno, node.value))


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


#: Python that speaks to no reader of the app: the demo's and the benchmark's data and commands,
#: commands run by an operator in a terminal, the tests, migrations, settings and system checks.
NOT_FOR_READERS = ("tests/", "demo/", "bench/", "samverkan/settings.py", "samverkan/checks.py")


def python_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if (
            ours(path)
            and not relative.startswith(NOT_FOR_READERS)
            and "/migrations/" not in relative
            and "/management/" not in relative
        ):
            yield path


def unmarked_python_strings(path: Path) -> list[PythonString]:
    """String literals outside gettext calls and docstrings that contain å, ä or ö: Swedish
    words, which a reader is meant to see unless shown to be otherwise (ALLOWED_PYTHON)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scanner = _Scanner(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            scanner.aliases |= {alias.asname for alias in node.names if alias.asname and alias.name in GETTEXT}
    # Mark first (calls enclose their constants), then collect.
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            scanner.visit_Call(node)
    skipped = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in scanner._marked
            and id(node) not in skipped
            and SWEDISH_LETTERS.search(node.value)
        ):
            found.append(PythonString(path, node.lineno, node.value))
    return found


# --- Catalogues --------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    context: str = ""
    fuzzy: bool = False
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (without its header): enough of the format for Django's
    makemessages output — msgctxt, msgid, msgid_plural, msgstr[n], the fuzzy flag."""
    entries: list[Entry] = []
    entry = Entry("")
    key: str | None = None
    flags: list[str] = []

    def finish() -> None:
        nonlocal entry, flags, key
        if key is not None and (entry.msgid or entry.context):
            entry.fuzzy = "fuzzy" in flags
            entries.append(entry)
        entry, flags, key = Entry(""), [], None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if not line:
            finish()
        elif line.startswith("#,"):
            if key is not None and key.startswith("msgstr"):
                finish()
            flags += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            if key is not None and key.startswith("msgstr"):
                finish()
        elif line.startswith("msgctxt "):
            if key is not None and key.startswith("msgstr"):
                finish()
            key, entry.context = "msgctxt", _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            key, entry.msgid_plural = "msgid_plural", _unquote(line[13:])
        elif line.startswith("msgid "):
            if key is not None and key.startswith("msgstr"):
                finish()
            key, entry.msgid = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            key = f"msgstr{index}"
            entry.msgstr[index] = _unquote(line[line.index("]") + 1 :])
        elif line.startswith("msgstr "):
            key = "msgstr0"
            entry.msgstr[0] = _unquote(line[7:])
        elif line.startswith('"') and key is not None:
            value = _unquote(line)
            if key == "msgid":
                entry.msgid += value
            elif key == "msgid_plural":
                entry.msgid_plural += value
            elif key == "msgctxt":
                entry.context += value
            else:
                entry.msgstr[int(key[6:])] += value
    finish()
    return entries


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def placeholders(text: str) -> list[str]:
    """The %-placeholders and {}-fields of `text`, which a translation must keep exactly."""
    return sorted(PLACEHOLDER.findall(text))


EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def eager_translations_at_import(path: Path) -> list[int]:
    """Lines where a module or class body calls a non-lazy gettext: translated once, when the
    module is imported, in whatever language is active then (Swedish), never again."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            eager |= {alias.asname or alias.name for alias in node.names if alias.name in EAGER}
    lines: list[int] = []

    def visit(body: list[ast.stmt]) -> None:
        for statement in body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(statement, ast.ClassDef):
                visit(statement.body)
                continue
            for node in _walk_outside_functions(statement):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in eager:
                    lines.append(node.lineno)

    visit(tree.body)
    return lines


def _walk_outside_functions(node: ast.AST) -> Iterator[ast.AST]:
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            yield from _walk_outside_functions(child)


def gettext_literals(path: Path) -> list[tuple[int, str]]:
    """The msgids written as literals in the gettext calls of a Python file (the first argument,
    and the plural of ngettext), wherever they are – also inside an f-string, where xgettext
    may not find them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set(GETTEXT)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names |= {alias.asname for alias in node.names if alias.asname and alias.name in GETTEXT}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name not in names:
            continue
        arguments = node.args[1:] if name.startswith(("pgettext", "npgettext")) else node.args
        count = 2 if "ngettext" in name else 1
        for argument in arguments[:count]:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append((node.lineno, argument.value))
    return found
