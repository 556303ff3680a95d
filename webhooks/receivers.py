"""What webhooks plugs into community.hooks: each announced event (after its action's commit) is
handed to the task worker, which makes the deliveries and sends them."""


def event_happened(*, event, **ids) -> None:
    from webhooks.tasks import fan_out

    fan_out.enqueue(event=str(event), ids=ids)
