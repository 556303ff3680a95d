"""Similar feedback while a title is typed: search's ``similar`` API over the "feedback" type, asked
with the title's significant words only, then kept only when a candidate's title shares enough of
them (stop words such as "with", "the", "on" never make two reports alike), then one query for the
items' status and votes."""

from forum.feedback.models import FeedbackItem
from forum.feedback.queries import visible_items, with_vote_counts
from search import api
from search.query import parse
from store.models import Product

# Words that say nothing about what a report is about (English function words and the words every
# report uses). Chinese text has no spaces: its characters are terms of their own and kept.
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can cannot could did do does doing down during each even ever every few
for from further get gets got had has have having he her here hers him his how i if in into is it
its itself just me more most my no nor not now of off on once only or other our ours out over own
same she should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours bug bugs issue issues problem problems please help still keep keeps really
since sometimes always anymore one like use using want need make can't don't doesn't isn't won't
"""
# as the parser writes them: "can't" is the phrase "can t"
STOP_WORDS = frozenset(
    term.text for word in _STOP_TEXT.split() for term in parse(word, prefix_last=False).terms
)
MIN_TERM_LENGTH = 2  # single letters are noise ("a"); CJK characters are kept
MIN_SHARE = 0.25  # a candidate has at least one in four of the typed title's significant terms
CANDIDATES = 4  # ask search for this many times ``limit``: some are dropped as unrelated


def significant_terms(text: str, *, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The text's terms less stop words, bare numbers and ``ignore``, in order, each once. A hyphenated
    word or a version is one term of its parts ("Wi-Fi" -> "wi fi", "V14.0.3" -> "v14 0 3"); a CJK run
    gives its character pairs ("电池耗电" -> "电 池", "池 耗", "耗 电")."""
    terms: list[str] = []
    for term in parse(text, prefix_last=False).terms:
        if all(_is_cjk(token) for token in term.tokens):
            # Chinese/Japanese/Korean runs have no spaces: their character pairs are the terms
            tokens = term.tokens
            words = [" ".join(tokens[i : i + 2]) for i in range(max(1, len(tokens) - 1))]
        else:
            words = [term.text]
        for word in words:
            if word in terms or word in STOP_WORDS or word in ignore or word.isdigit():
                continue
            if len(word) < MIN_TERM_LENGTH and not _is_cjk(word):
                continue
            terms.append(word)
    return terms


def _is_cjk(word: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in word)


def _stem(word: str) -> str:
    """A light English stem, so "drain", "drains" and "draining" meet."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _matches(typed: str, candidate: set[str], *, prefix: bool) -> bool:
    if _stem(typed) in candidate:
        return True
    # the word being typed ("batt") matches the start of a candidate's word
    return prefix and len(typed) >= 3 and any(word.startswith(typed) for word in candidate)


def relevance(typed_terms: list[str], title: str, *, ignore: frozenset[str] = frozenset()) -> float:
    """The share of the typed title's significant terms that the candidate title has (0 to 1); the
    last typed term may be a word still being typed."""
    if not typed_terms:
        return 0.0
    words = significant_terms(title, ignore=ignore)
    candidate = set(words) | {_stem(word) for word in words}
    shared = sum(
        _matches(term, candidate, prefix=i == len(typed_terms) - 1) for i, term in enumerate(typed_terms)
    )
    return shared / len(typed_terms)


def similar_items(user, *, title: str, product_id: int | None, limit: int = 5) -> list[FeedbackItem]:
    title = " ".join(title.split())
    if len(title) < 4:
        return []
    # On a product's board most titles name the product: its name makes no two reports alike.
    name = Product.objects.filter(pk=product_id).values_list("name", flat=True).first() if product_id else ""
    ignore = frozenset(significant_terms(name or ""))
    terms = significant_terms(title, ignore=ignore)
    if not terms:
        return []
    query = " ".join(f'"{term}"' if " " in term else term for term in terms)
    hits = api.similar(query, user=user, types=("feedback",), product_id=product_id, limit=limit * CANDIDATES)
    order = {hit.object_id: i for i, hit in enumerate(hits)}
    if not order:
        return []
    items = with_vote_counts(visible_items(user).filter(pk__in=order)).select_related(
        "thread", "status", "fixed_in"
    )
    scored = [(relevance(terms, item.thread.title, ignore=ignore), item) for item in items]
    kept = [(score, item) for score, item in scored if score >= MIN_SHARE]
    kept.sort(key=lambda pair: (-pair[0], order[pair[1].pk]))
    return [item for _, item in kept[:limit]]
