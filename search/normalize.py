"""Text preparation for search: the single place for Arabic and English normalisation and stemming.

Indexed text and queries both pass through `analyse`, whichever backend is configured, so a
query matches the index exactly when their words share a stem:

- Arabic: harakat and tatweel removed; أ إ آ ٱ -> ا; ة -> ه; ى -> ي; ؤ -> و; ئ -> ي;
  Arabic-Indic digits -> ASCII; then the light stemmer of Lucene's Arabic analyzer
  (prefixes ال وال بال كال فال لل و, suffixes ها ان ات ون ين يه ية ه ة ي), so "الإعفاء",
  "الاعفاء", "إعفاءات" and "اعفاء" all become "اعفاء".
- English: case and accents folded, then the Snowball (Porter 2) stemmer: "exemptions" and
  "exemption" become "exempt".
- Everywhere: control, format and zero-width characters removed; anything that is not a letter
  or a digit separates words, so query syntax (`"`, `*`, `AND (`, `-`, `:`) is plain text here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

# A query is cut (not refused) at this many characters, then at this many words.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12

# Letters folded into one form, after Unicode decomposition has removed hamza and madda marks.
_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",  # Persian yeh, common on some keyboards
        "ک": "ك",  # Persian kaf
        "ۀ": "ه",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended (Persian) digits
    }
)
_TATWEEL = "\u0640"
# Categories removed outright: combining marks (harakat, accents), format characters
# (zero-width space and joiners, direction marks, BOM, soft hyphen).
_DROPPED_CATEGORIES = {"Mn", "Me", "Cf"}
# Word characters in *original* text, for highlighting: letters, digits, marks and tatweel.
_ORIGINAL_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])+"
)
# Words in normalised text, split where the script changes (so "mof001" -> "mof", "001").
_NORMALISED_WORD = re.compile(r"[a-z]+|[0-9]+|[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]+|[^\W\d_]+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

ARABIC_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
# Lucene's suffixes in Lucene's order. Its ية and ة never match after normalisation (they have
# become يه and ه), so they are left out here as they are in effect there.
ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

ARABIC_STOPWORDS = frozenset(
    "في من على عن الي الى ان او ما لا مع هذا هذه ذلك تلك التي الذي الذين هو هي هم كل بعد قبل "
    "عند ثم قد كما اي ايضا بين حتي حتى لم لن له لها به بها منه فيه وفي ومن وعلي وعن".split()
)
ENGLISH_STOPWORDS = frozenset(
    "a an and are as at be by for from how i in is it of on or that the this to was what when "
    "where which who with you your my me do does can not no".split()
)

_english_stemmer = snowballstemmer.stemmer("english")

# Unicode categories Cc, Zl and Zp (read as spaces), Cf and Cs (dropped), as ranges so that
# cleaning is one regex pass. tests/test_search_normalize.py checks them against unicodedata.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def clean(text: str) -> str:
    """Remove control and invisible characters and collapse whitespace; keep the text readable."""
    if not text:
        return ""
    return " ".join(_INVISIBLE.sub("", _CONTROL.sub(" ", text)).split())


def cut_query(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """A query longer than `limit` characters is cut at the last space before the limit."""
    text = clean(text)
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space] if space > limit // 2 else head


def normalise(text: str) -> str:
    """Fold case, accents, harakat, tatweel, letter variants and digits; keep word boundaries."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(
        char
        for char in decomposed
        if char != _TATWEEL and unicodedata.category(char) not in _DROPPED_CATEGORIES
    )
    return unicodedata.normalize("NFC", folded).translate(_LETTER_MAP).casefold()


@lru_cache(maxsize=100_000)
def _prepared(written: str) -> tuple[tuple[str, str], ...]:
    """(normalised word, stem) for each word one written word holds ("MOF-IND" holds two)."""
    return tuple((word, stem(word)) for word in _NORMALISED_WORD.findall(normalise(written)))


def _written_words(text: str) -> list[str]:
    # Cleaning first joins words split by invisible characters; each written word is then
    # prepared once per process (texts repeat their words: a cache hit is the common case).
    return _ORIGINAL_WORD.findall(clean(text))


def words(text: str) -> list[str]:
    """Normalised words, unstemmed, stopwords included."""
    return [word for written in _written_words(text) for word, _stem in _prepared(written)]


def is_arabic(word: str) -> bool:
    return bool(_ARABIC_LETTER.match(word))


def stem_arabic(word: str) -> str:
    """Lucene's ArabicStemmer (light stemming) on an already normalised word."""
    for prefix in ARABIC_PREFIXES:
        # A one-letter prefix (و) needs a word of four letters; others leave two letters at least.
        if len(prefix) == 1 and len(word) < 4:
            # Mutation testing: `break` here is equivalent, as no later prefix can match a word
            # this short either (two letters or more need four), so the line is not mutated.
            continue  # pragma: no mutate
        if len(word) >= len(prefix) + 2 and word.startswith(prefix):
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one normalised word, by its script."""
    if is_arabic(word):
        return stem_arabic(word)
    if word.isascii() and word.isalpha():
        return _english_stemmer.stemWord(word)
    return word


def is_stopword(word: str) -> bool:
    return word in ARABIC_STOPWORDS or word in ENGLISH_STOPWORDS


def _is_noise(word: str) -> bool:
    # Single Latin letters ("s" of "ministry's") carry nothing; digits and Arabic letters may.
    return len(word) == 1 and word.isascii() and word.isalpha()


def analyse(text: str, keep_stopwords: bool = False) -> list[str]:
    """Stems of the words of `text`, in order, without stopwords unless asked."""
    return [
        word_stem
        for written in _written_words(text)
        for word, word_stem in _prepared(written)
        if not _is_noise(word) and (keep_stopwords or not is_stopword(word))
    ]


def index_text(*texts: str | None) -> str:
    """The prepared form of some texts, as stored in the search index."""
    return " ".join(s for text in texts if text for s in analyse(text))


def query_terms(query: str) -> list[str]:
    """The distinct stems a query looks for, in order, at most MAX_QUERY_TERMS.

    Stopwords are dropped unless the query is made only of them.
    """
    cut = cut_query(query)
    stems = analyse(cut) or analyse(cut, keep_stopwords=True)
    return list(dict.fromkeys(stems))[:MAX_QUERY_TERMS]


def original_word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, stem) for each word of an unnormalised text: used to highlight matches."""
    for match in _ORIGINAL_WORD.finditer(text or ""):
        for _word, word_stem in _prepared(match.group(0)):
            yield match.start(), match.end(), word_stem
