"""Load data for search (a stage of ``devdata.loadgen``): index everything
through the normal rebuild (``search.index.reindex``, what ``manage.py search_reindex --fresh`` runs)."""


def generate_search_index(ctx) -> dict[str, int]:
    from search.index import reindex

    rows = {}
    for search_type, count in reindex(fresh=True):
        rows[f"{search_type.name} documents"] = count
    return rows
