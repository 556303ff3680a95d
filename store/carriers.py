"""The carriers the store knows a tracking page for. Any other carrier may be named when shipping:
its parcels are tracked by number only (no link), never by a guessed address."""

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Carrier:
    name: str
    tracking_url: str  # with {number} where the tracking number goes

    def url_for(self, tracking_number: str) -> str:
        return self.tracking_url.format(number=quote(tracking_number.strip(), safe=""))


CARRIERS: tuple[Carrier, ...] = (
    Carrier("DHL Express", "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}"),
    Carrier(
        "DHL Paket", "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={number}"
    ),
    Carrier("FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}"),
    Carrier("Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{number}"),
    Carrier("UPS", "https://www.ups.com/track?tracknum={number}"),
    Carrier("USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
)
_BY_KEY = {carrier.name.casefold(): carrier for carrier in CARRIERS}


def find_carrier(name: str) -> Carrier | None:
    """The known carrier called ``name`` (any case, surrounding spaces ignored), or None."""
    return _BY_KEY.get(" ".join(name.split()).casefold())


def canonical_name(name: str) -> str:
    """``name`` as the table spells it when the carrier is known ("ups" -> "UPS"), else as typed."""
    name = " ".join(name.split())
    carrier = find_carrier(name)
    return carrier.name if carrier else name


def tracking_url(*, carrier: str, tracking_number: str) -> str:
    known = find_carrier(carrier) if carrier and tracking_number else None
    return known.url_for(tracking_number) if known else ""
