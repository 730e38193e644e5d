"""Linux-only slimming of the binaries PyInstaller collected (used by erroranalysis.spec).

Two steps, each of which leaves the code the program runs untouched:

- ``strip_symbols``: remove the symbol tables and debug information of a shared
  library (``strip --strip-unneeded``, binutils). These are never loaded: the
  dynamic linker reads ``.dynsym``, which stays. The stripped copy is used only
  if every loadable segment is byte-identical to the original's, so a library
  whose layout ``strip`` would rewrite (auditwheel/patchelf-edited ones, the
  reason PyInstaller's own ``--strip`` breaks numpy's OpenBLAS) keeps its
  original.
- ``filter_icu_data``: Qt's ICU data library (``libicudata.so.73``, 31 MB) is one
  array of ICU data items. The copy built here holds only what Qt can ask ICU for
  in an English or Simplified-Chinese program (see ``keep_icu_item``).

Each step needs a tool of the build machine (``strip``, ``cc``); without it the
original file is bundled and the spec says so.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

# --- ELF reading (64-bit little-endian only: x86-64 and aarch64 Linux) ------------


def _is_elf64le(data: bytes) -> bool:
    return data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1


def _segments(data: bytes) -> list[tuple[int, ...]]:
    """Program headers as (type, flags, offset, vaddr, paddr, filesz, memsz, align)."""
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    return [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]


def _sections(data: bytes) -> list[tuple[str, int, int, int, int, int]]:
    """Section headers as (name, type, addr, offset, size, link)."""
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    raw = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names_offset = raw[shstrndx][4] if shnum else 0
    result = []
    for name, kind, _flags, addr, offset, size, link, _info, _align, _entsize in raw:
        end = data.index(b"\0", names_offset + name)
        result.append((data[names_offset + name : end].decode(), kind, addr, offset, size, link))
    return result


def _loaded_image(data: bytes) -> list[bytes]:
    """What the dynamic linker maps: the program headers and each segment's bytes,
    with the ELF header's section-table fields (not loaded by anyone) blanked."""
    header = bytearray(data[:0x40])
    header[0x28:0x30] = b"\0" * 8  # e_shoff
    header[0x3C:0x40] = b"\0" * 4  # e_shnum, e_shstrndx
    image = [bytes(header)]
    for segment in _segments(data):
        offset, filesz = segment[2], segment[5]
        image.append(struct.pack("<IIQQQQQQ", *segment))
        chunk = bytearray(data[offset : offset + filesz])
        if offset < 0x40:  # the segment holding the ELF header
            chunk[0x28 - offset : 0x30 - offset] = b"\0" * 8
            chunk[0x3C - offset : 0x40 - offset] = b"\0" * 4
        image.append(bytes(chunk))
    return image


def dynamic_symbol(path: Path, name: str) -> bytes:
    """The bytes of a defined data symbol (``icudt73_dat``) of a shared library."""
    data = path.read_bytes()
    sections = _sections(data)
    for _sname, kind, _addr, offset, size, link in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][3]
        for entry in range(0, size, 24):
            st_name, _info, _other, shndx, value, symsize = struct.unpack_from(
                "<IBBHQQ", data, offset + entry
            )
            end = data.index(b"\0", strtab + st_name)
            if data[strtab + st_name : end].decode() == name and shndx:
                home = sections[shndx]
                start = home[3] + value - home[2]
                return data[start : start + symsize]
    raise ValueError(f"{path.name} defines no symbol {name}")


# --- strip ------------------------------------------------------------------------


def strippable(path: Path) -> bool:
    """A 64-bit ELF file with a symbol table or debug information to remove."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if not _is_elf64le(data):
        return False
    return any(name == ".symtab" or name.startswith(".debug_") for name, *_ in _sections(data))


def strip_symbols(source: Path, target: Path) -> bool:
    """Write a copy of ``source`` without symbol table and debug information to
    ``target``; False (and no file) when ``strip`` fails or would change what is loaded."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    try:
        subprocess.run(["strip", "--strip-unneeded", str(target)], check=True, capture_output=True)
        same = _loaded_image(source.read_bytes()) == _loaded_image(target.read_bytes())
    except (OSError, subprocess.CalledProcessError, struct.error, ValueError):
        same = False
    if not same:
        target.unlink(missing_ok=True)
    return same


# --- ICU data ---------------------------------------------------------------------

# Languages whose ICU locale data stay: the app speaks English and Simplified
# Chinese; "root" is every locale's fallback.
ICU_LANGUAGES = ("root", "en", "zh")
# Qt never asks ICU for transliteration, spelled-out numbers or dictionary-based
# word breaks (QTextBoundaryFinder has its own rules).
ICU_DROPPED_TREES = ("translit", "rbnf")
# Converter tables: every single-byte code page stays (a few KiB each); of the
# multi-byte ones only the Chinese GB encodings: GB18030, GBK (windows-936 extends
# ibm-1386) and GB2312 (EUC-CN).
ICU_KEPT_CONVERTERS = ("gb18030", "windows-936-2000", "ibm-1386_P100-2001", "ibm-1383_P110-1999")
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*$")
_NOT_LOCALES = ("res_index", "pool", "root")


def _max_bytes_per_char(item: bytes) -> int:
    """maxBytesPerChar of a converter table (UConverterStaticData after the data header)."""
    (header_size,) = struct.unpack_from("<H", item, 0)
    return item[header_size + 4 + 60 + 4 + 3]


def keep_icu_item(name: str, item: bytes) -> bool:
    """Whether an item of the ICU data package (``coll/zh.res``, ``gb18030.cnv``) stays."""
    tree, _, leaf = name.rpartition("/")
    stem, _, suffix = leaf.rpartition(".")
    if tree in ICU_DROPPED_TREES:
        return False
    if suffix == "dict":  # word-break dictionaries (CJK, Thai, Khmer, Lao, Burmese)
        return False
    if suffix == "cnv":
        return stem in ICU_KEPT_CONVERTERS or _max_bytes_per_char(item) == 1
    if suffix == "res" and stem not in _NOT_LOCALES:
        match = _LOCALE.match(stem)
        if match:
            return match.group(1) in ICU_LANGUAGES
    return True


def read_icu_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of an ICU common data package (``CmnD``)."""
    header_size, magic = struct.unpack_from("<H2s", blob, 0)
    if magic != b"\xda\x27" or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    (count,) = struct.unpack_from("<I", blob, header_size)
    toc = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(toc):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        end = header_size + toc[index + 1][1] if index + 1 < count else len(blob)
        items.append((name, blob[header_size + data_offset : end]))
    return blob[:header_size], items


def write_icu_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package of ``items`` (kept in their sorted order)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    position = len(header) + toc_size + len(names)
    toc = [struct.pack("<I", len(items))]
    body = []
    name_offset = toc_size
    for name, data in items:
        padding = -position % 16  # ICU aligns every item to 16 bytes (and pads with 0xAA)
        body.append(b"\xaa" * padding)
        position += padding
        toc.append(struct.pack("<II", name_offset, position - len(header)))
        name_offset += len(name) + 1
        body.append(data)
        position += len(data)
    return header + b"".join(toc) + names + b"".join(body)


def filter_icu_data(source: Path, target: Path) -> tuple[int, int]:
    """Build ``target``, a copy of the ICU data library ``source`` (``libicudata.so.NN``)
    holding only the items ``keep_icu_item`` keeps. Returns (items kept, items in all).
    Raises OSError/subprocess.CalledProcessError when the C compiler is missing or fails."""
    version = re.search(r"\.so\.(\d+)", source.name)
    if not version:
        raise ValueError(f"{source.name}: no ICU major version in the name")
    symbol = f"icudt{version.group(1)}_dat"
    header, items = read_icu_package(dynamic_symbol(source, symbol))
    prefix = items[0][0].split("/", 1)[0] + "/" if items else ""
    kept = [(name, data) for name, data in items if keep_icu_item(name.removeprefix(prefix), data)]
    package = write_icu_package(header, kept)
    with tempfile.TemporaryDirectory() as folder:
        dat = Path(folder) / "icudata.dat"
        dat.write_bytes(package)
        assembly = Path(folder) / "icudata.S"
        assembly.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            f'\t.incbin "{dat}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "cc",
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{source.name}",
                "-o",
                str(target),
                str(assembly),
            ],
            check=True,
            capture_output=True,
        )
    return len(kept), len(items)


def cache_name(source: Path, step: str) -> str:
    """A file name for the slimmed copy of ``source``, new whenever the source changes."""
    stat = source.stat()
    key = f"{step}\0{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:16]}-{source.name}"
