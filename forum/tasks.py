"""Forum tasks: keyword arguments of ids, safe to run twice (they re-read the rows)."""

from django_tasks import task


@task()
def rerender_posts_naming(*, kind: str, ids: list[int]) -> int:
    """Render again the posts that may name these products or releases (forum/rendering.py)."""
    from forum.rendering import rerender_posts_naming as rerender

    return rerender(kind=kind, ids=ids)
