"""Where the pricing tables live, in which order they are layered, and loading them into one PriceBook.

The shipped tables come first, then the user's folder (`$FTREADY_PRICING_DIR`, else
`$XDG_CONFIG_HOME/ftready/pricing`, else `~/.config/ftready/pricing`), then every `--pricing DIR` in the order
given; a later file wins per model, so a file may add models to a provider or override single models. Every
problem of every file is collected into one `PricingError` (one line each), never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ftready.errors import PricingError
from ftready.io import printable
from ftready.pricing.schema import Embedding, ModelPrice, PriceBook, ProviderInfo, RagTable, VectorStore
from ftready.pricing.tables import FileResult, RagPart, validate_file

ORIGINS = ("shipped", "user", "--pricing")  # the layers, first to last (a later file wins per model)
DEFAULT_CHUNK_TOKENS = 512
DEFAULT_TEXT_BYTES_PER_TOKEN = 4.0

# ---------------------------------------------------------------------------------------------------------------
# Where the tables live


def shipped_pricing_dir() -> Path:
    """The tables shipped with ftready: `ftready/pricing/tables` inside an installed wheel (pyproject.toml
    force-includes the repository's `pricing/` folder there), else the repository's `pricing/` folder (editable
    install or a source checkout)."""
    try:
        packaged = resources.files("ftready.pricing") / "tables"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, OSError):  # pragma: no cover - the package is always importable here
        pass
    return Path(__file__).resolve().parents[3] / "pricing"


def user_pricing_dir() -> Path:
    """$FTREADY_PRICING_DIR if set, else $XDG_CONFIG_HOME/ftready/pricing, else ~/.config/ftready/pricing."""
    env = os.environ.get("FTREADY_PRICING_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    try:
        base = Path(xdg).expanduser() if xdg else Path.home() / ".config"
    except RuntimeError:  # no home folder can be found (HOME unset, no passwd entry): a path that never exists
        base = Path("/nonexistent")
    return base / "ftready" / "pricing"


def _folder(p: Path) -> bool | str:
    """True for a folder, False when there is none, else why it cannot be known (a folder on the way that cannot
    be searched)."""
    try:
        return p.is_dir()
    except OSError as exc:
        return exc.strerror or str(exc)


def display_name(path: Path) -> str:
    """How a pricing file is named in messages: shipped tables as `pricing/NAME` wherever ftready is installed,
    other files relative to the current folder when they are under it."""
    try:
        if path.resolve().parent == shipped_pricing_dir().resolve():
            return f"pricing/{path.name}"
    except OSError:
        pass
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def yaml_files(folder: Path) -> list[Path]:
    """The table files of a folder (`*.yaml`, `*.yml`), sorted by name: the order they are layered in."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and _regular(p))


def _regular(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return True  # listed but not stat-able: reading it reports why, with its name


@dataclass(frozen=True)
class TableFolder:
    path: Path
    origin: str  # one of ORIGINS


def pricing_folders(
    extra_dirs: Sequence[str | Path] = (), include_user: bool = True
) -> tuple[tuple[TableFolder, ...], tuple[str, ...]]:
    """The folders in precedence order (first = lowest), and the problems with them (a `--pricing` folder or the
    shipped tables missing). A user folder that does not exist is simply not used."""
    problems: list[str] = []
    folders = [TableFolder(shipped_pricing_dir(), "shipped")]
    if include_user:
        user = user_pricing_dir()
        state = _folder(user)
        if isinstance(state, str):
            problems.append(f"{printable(str(user))}: cannot read the user pricing folder ({state})")
        elif state:
            folders.append(TableFolder(user, "user"))
    for d in extra_dirs:
        p = Path(d)
        state = _folder(p)
        if isinstance(state, str):
            problems.append(f"{printable(display_name(p))}: cannot read the --pricing folder ({state})")
        elif not state:
            problems.append(f"{printable(display_name(p))}: --pricing folder not found")
        else:
            folders.append(TableFolder(p, "--pricing"))
    if not folders[0].path.is_dir():
        problems.append(f"{display_name(folders[0].path)}: the shipped pricing tables are missing (broken install?)")
        folders = folders[1:]
    return tuple(folders), tuple(problems)


# ---------------------------------------------------------------------------------------------------------------
# Layering


@dataclass(frozen=True)
class LayerFile:
    """One table file of one layer, validated."""

    path: Path
    name: str  # as its problems name it (`pricing/NAME.yaml` for a shipped table)
    origin: str  # one of ORIGINS
    result: FileResult

    @property
    def usable(self) -> bool:
        """Valid, so its models and rag entries take part in the merge."""
        return not self.result.problems and self.result.info is not None


@dataclass(frozen=True)
class Layers:
    """Every table file in precedence order, every problem, and the merged book (None when there are problems)."""

    files: tuple[LayerFile, ...]
    problems: tuple[str, ...]
    book: PriceBook | None


def read_layers(extra_dirs: Sequence[str | Path] = (), include_user: bool = True) -> Layers:
    """Validate every file of every layer and merge the valid ones; problems are listed folders first, then file by
    file in precedence order, then those of the merge."""
    folders, folder_problems = pricing_folders(extra_dirs, include_user)
    problems = list(folder_problems)
    files: list[LayerFile] = []
    for folder in folders:
        try:
            names = yaml_files(folder.path)
        except OSError as exc:
            problems.append(f"{printable(display_name(folder.path))}: cannot list the folder ({exc.strerror or exc})")
            continue
        for f in names:
            name = display_name(f)
            result = validate_file(f, name)
            problems += result.problems
            files.append(LayerFile(f, name, folder.origin, result))
    book = _merge(files, problems)
    return Layers(tuple(files), tuple(problems), None if problems else book)


def _merge(files: Sequence[LayerFile], problems: list[str]) -> PriceBook:
    models: dict[tuple[str, str], ModelPrice] = {}
    infos: dict[str, ProviderInfo] = {}
    names: list[str] = []
    rag_parts: list[RagPart] = []
    for f in files:
        info = f.result.info
        if not f.usable or info is None:
            continue
        names.append(info.file)
        if f.result.rag is not None:
            rag_parts.append(f.result.rag)
            continue
        infos[info.provider] = info
        for m in f.result.models:
            models[(m.provider, m.model)] = m
    rag = _merge_rag(rag_parts, problems)
    ordered = tuple(sorted(models.values(), key=lambda m: (m.provider, m.model)))
    return PriceBook(models=ordered, rag=rag, provider_info=infos, files=tuple(names))


def _merge_rag(parts: Sequence[RagPart], problems: list[str]) -> RagTable | None:
    if not parts:
        return None
    embeddings: dict[str, Embedding] = {}
    stores: dict[str, VectorStore] = {}
    default_embedding: str | None = None
    default_store: str | None = None
    chunk_tokens = DEFAULT_CHUNK_TOKENS
    text_bytes_per_token = DEFAULT_TEXT_BYTES_PER_TOKEN
    for part in parts:  # a later file wins per entry and per default it sets
        embeddings.update(part.embeddings)
        stores.update(part.vector_stores)
        d = part.defaults
        default_embedding = d.embedding if d.embedding is not None else default_embedding
        default_store = d.vector_store if d.vector_store is not None else default_store
        chunk_tokens = d.chunk_tokens if d.chunk_tokens is not None else chunk_tokens
        text_bytes_per_token = d.text_bytes_per_token if d.text_bytes_per_token is not None else text_bytes_per_token
    last = parts[-1].info
    emb = default_embedding or next(iter(embeddings), None)
    store = default_store  # None: the cheapest store for the corpus (ftready.costs)
    if emb is None or not stores:
        problems.append(f"{last.file}:1: rag tables need at least one embedding and one vector store")
        return None
    return RagTable(
        embeddings=embeddings,
        vector_stores=stores,
        default_embedding=emb,
        default_vector_store=store,
        chunk_tokens=int(chunk_tokens),
        text_bytes_per_token=float(text_bytes_per_token),
        currency=last.currency,
        as_of=last.as_of,
        as_of_text=last.as_of_text,
        files=tuple(p.info.file for p in parts),
    )


# ---------------------------------------------------------------------------------------------------------------
# Public entry points


def check_paths(paths: Sequence[str | Path]) -> list[str]:
    """Validate pricing files or folders of them (`ftready pricing check`); the problems, empty when all valid."""
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        state = _folder(p)
        if isinstance(state, str):
            problems.append(f"{printable(display_name(p))}: cannot read ({state})")
            continue
        if state:
            try:
                files = yaml_files(p)
            except OSError as exc:
                problems.append(f"{printable(display_name(p))}: cannot list the folder ({exc.strerror or exc})")
                continue
            if not files:
                problems.append(f"{display_name(p)}: no .yaml files in this folder")
            for f in files:
                problems += validate_file(f, display_name(f)).problems
        elif p.is_file():
            problems += validate_file(p, display_name(p)).problems
        else:
            problems.append(f"{display_name(p)}: no such file or folder")
    return problems


def lifecycle_warnings(models: Sequence[ModelPrice]) -> list[str]:
    """`ftready pricing check` warnings: models whose table states no lifecycle status (availability unknown)."""
    return [
        f"{m.file}: warning: models.{m.model}.lifecycle: no lifecycle status (available, closed-to-new-customers, "
        "training-closed or retired) with a source: availability unknown"
        for m in models
        if m.lifecycle.status is None
    ]


def check_warnings(paths: Sequence[str | Path]) -> list[str]:
    """The lifecycle warnings of the valid files among `paths` (files or folders)."""
    models: list[ModelPrice] = []
    for raw in paths:
        p = Path(raw)
        for f in yaml_files(p) if p.is_dir() else [p] if p.is_file() else []:
            models += validate_file(f, display_name(f)).models
    return lifecycle_warnings(models)


def load_pricebook(extra_dirs: Sequence[str | Path] = (), include_user: bool = True) -> PriceBook:
    """Shipped tables, then the user folder, then each `--pricing DIR`; a later file wins per model.

    Raises PricingError listing every problem of every file (one line each)."""
    layers = read_layers(extra_dirs, include_user)
    if layers.problems or layers.book is None:
        raise PricingError(list(layers.problems))
    return layers.book
