"""Who may do what with reputation."""


def can_award_points(actor) -> bool:
    return bool(
        actor
        and actor.is_authenticated
        and (actor.is_superuser or actor.has_perm("reputation.add_manualaward"))
    )
