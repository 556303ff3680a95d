"""What the demo's feedback boards hold: each product's releases with their changelogs, and the bug
reports and suggestions people filed, each written for its product, with the discussion under it
and what the team answered. Dates are days before the seed runs; they agree with the forum's
threads and announcements (V14.0.4.0 and Buds 1.4.2 twelve days ago, the 14.0.5 weekly five)."""

from dataclasses import dataclass, field

from devdata.demo.content import R


@dataclass(frozen=True)
class Rel:
    version: str
    channel: str  # STABLE, WEEKLY or BETA
    days_ago: int
    changelog: str
    fixes: bool = False  # its changelog names the reports it fixes (added when it ships)


@dataclass(frozen=True)
class Item:
    title: str
    kind: str  # BUG or SUGGESTION
    reporter: str
    status: str  # the status key it ends in; "fixed" by the release that fixes it
    days_ago: float  # filed
    description: str
    voters: tuple[str, ...] = ()
    against: str | None = None  # the version it was seen on
    steps: str = ""
    expected: str = ""
    actual: str = ""
    frequency: str = ""
    environment: dict = field(default_factory=dict)
    variant: str | None = None  # SKU of the reporter's model
    replies: tuple[R, ...] = ()
    comment: str = ""  # the team's (or, closing it, the reporter's) word with the status change
    note: str = ""  # the team's internal note


RELEASES = {
    "aurora-14": [
        Rel("V14.0.1.0", "STABLE", 68, "## New\n- Camera: 10-bit HEIF photos\n- Quick settings can be rearranged\n\n"
            "## Fixed\n- Fingerprint reader slow after a restart\n- Notification sounds playing twice"),
        Rel("V14.0.2.0", "STABLE", 50, "## New\n- eSIM transfer from another phone over Wi-Fi\n- SIM labels in the "
            "status bar\n\n## Improved\n- Standby time on 5G networks\n\n## Fixed\n- Screen rotation stuck after a video call"),
        Rel("V14.0.3.0", "STABLE", 31, "## New\n- Themed icons for the system apps (Settings > Home screen)\n- Pro "
            "mode: shutter speeds up to 30 s\n\n## Improved\n- Night mode processing about a second faster\n\n"
            "## Fixed\n- Wi-Fi calling icon missing on some carriers"),
        Rel("V14.0.4.0", "STABLE", 12, "## New\n- Themed icons for third-party apps\n- The phone reconnects to the "
            "car's Bluetooth after a call\n\n## Improved\n- Standby drain on Wi-Fi halved", fixes=True),
        Rel("V14.0.5.2", "WEEKLY", 5, "## New\n- Camera: night mode keeps highlights (street lamps, signs) from "
            "blooming\n- Battery: background freezing for apps not opened in three days\n- Settings > Battery "
            "shows battery health (capacity and cycle count)\n\n## Fixed\n- Bluetooth drops in the car after "
            "5-10 minutes of navigation\n- Alarm only vibrating when Do Not Disturb is scheduled\n- Keyboard "
            "dropping letters when typing fast\n\n## Known issues\n- Messaging apps may deliver notifications "
            "late while the screen is off"),
    ],
    "aurora-buds-pro": [
        Rel("1.4.0", "STABLE", 40, "## New\n- Multipoint: connected to two devices at once\n- Ear tip fit test "
            "in the app\n\n## Fixed\n- Case battery shown as 0 % right after pairing"),
        Rel("1.4.1", "STABLE", 24, "## Improved\n- Call quality in wind\n\n## Fixed\n- A double tap ignored "
            "after a long pause in playback"),
        Rel("1.4.2", "STABLE", 12, "## New\n- Three noise-cancelling levels: light, medium and strong\n\n"
            "## Improved\n- Less hiss at low volume with noise cancelling on", fixes=True),
        Rel("1.5.1-beta", "BETA", 2, "## New\n- A five-band equaliser (beta)\n\n## Known issues\n- The "
            "equaliser resets when multipoint switches devices"),
    ],
    "home-hub": [
        Rel("2.3.0", "STABLE", 35, "## New\n- Automations can start from the phone's next alarm\n- Matter 1.2 "
            "devices\n\n## Fixed\n- Zigbee bulbs reporting the wrong brightness"),
        Rel("2.4.0", "STABLE", 19, "## New\n- Back up automations to a USB stick, locally\n\n## Improved\n- The "
            "Thread network forms faster after a restart"),
        Rel("2.4.1", "STABLE", 8, "## Fixed\n- Spoken announcements cut off before the last word", fixes=True),
        Rel("2.5.0", "WEEKLY", 6, "## New\n- Matter pairing with the phone's camera (QR code)\n\n## Known "
            "issues\n- Some older Zigbee bulbs disappear from the device list after the update"),
    ],
}  # fmt: skip

ITEMS = {
    "aurora-14": [
        Item(
            "Battery drains overnight on standby", "BUG", "amara", "fixed", 44,
            "Since V14.0.2.0 the phone loses 15-20 % overnight with the screen off; before the update it was "
            "3-4 %. Battery usage puts 'Android System' at the top.",
            voters=("leo", "jonas", "sofia", "kenji"), against="V14.0.2.0",
            steps="1. Charge to 100 % in the evening\n2. Leave the phone on Wi-Fi, screen off\n3. Check in the "
            "morning: 15-20 % gone",
            expected="A few percent overnight, as on V14.0.1.0.",
            actual="15-20 % gone by the morning; Android System tops the battery usage list.",
            frequency="ALWAYS", environment={"carrier": "MTN"}, variant="A14-BLK-256",
            replies=(
                R("leo", "Same on mine: 18 % last night, Wi-Fi on, Bluetooth off."),
                R("mira", "Thanks {op}. Could you both turn on battery logging (Developer options) for one night "
                  "and send the file from the feedback app? It tells us which wake lock keeps the phone up."),
                R("amara", "{prev} done, sent it this morning with the time I went to bed.", reply_to=3),
            ),
        ),
        Item(
            "Battery empties during the night", "BUG", "kenji", "duplicate", 41,
            "At 100 % when I go to bed, around 80 % in the morning. It started with the last update.",
            voters=("sofia", "leo"), against="V14.0.2.0",
            steps="1. Charge fully before bed\n2. Leave it on the nightstand with Wi-Fi on\n3. About 20 % is gone "
            "in the morning",
            expected="Less than 5 % overnight.", actual="About 20 % overnight.", frequency="OFTEN",
            environment={"region": "Asia", "carrier": "Docomo"}, variant="A14-GRN-256",
            comment="Same bug as the standby drain report: your votes moved there, so they count together.",
        ),
        Item(
            "Camera app freezes when switching to night mode", "BUG", "leo", "in-progress", 25,
            "Swiping to Night in the camera freezes the preview for 3-4 seconds; about one time in five the app "
            "closes. It started with V14.0.3.0.",
            voters=("amara", "jonas"), against="V14.0.3.0",
            steps="1. Open the camera\n2. Swipe to Night quickly\n3. The preview freezes for 3-4 s, sometimes the "
            "app closes",
            expected="Night mode is ready within a second, as on V14.0.2.0.",
            actual="The preview freezes for 3-4 s; sometimes the camera closes.",
            frequency="SOMETIMES", environment={"region": "EU", "carrier": "Telekom"}, variant="A14-BLK-256",
            replies=(
                R("yuki_t", "For me it only happens with the flash on auto. With the flash off it switches "
                  "instantly."),
                R("leo", "{prev} you're right: flash off and it never freezes. Added that to the report.",
                  reply_to=2),
            ),
            comment="Reproduced with the flash on auto, as yuki_t found. The fix is being tested.",
            note="Flash pre-metering blocks the night pipeline; fix targeted for the 14.0.5 weekly.",
        ),
        Item(
            "Add a one-handed mode for the keyboard", "SUGGESTION", "sofia", "planned", 30,
            "On a 6.7\" screen I can't reach the left side of the keyboard with my right thumb. A one-handed "
            "mode that shrinks the keyboard to one side, like the dialler has, would help a lot on the bus.",
            voters=("leo", "kenji", "amara"),
            replies=(
                R("anna_k", "Yes please. It would also help people who can't stretch their hand far."),
                R("minji", "A floating keyboard would do it too, if it remembered where I left it."),
            ),
            comment="Planned for V14.1: a one-handed keyboard that docks left or right and remembers the side.",
        ),
        Item(
            "Wi-Fi drops after waking from sleep", "BUG", "jonas", "needs-info", 9,
            "After the phone has been locked for half an hour, Wi-Fi shows as connected but nothing loads for "
            "about 20 seconds.",
            voters=("leo",), against="V14.0.4.0",
            steps="1. Lock the phone for 30 minutes\n2. Unlock it\n3. Wi-Fi shows connected but nothing loads "
            "for 20 s",
            expected="Pages load right after unlocking.",
            actual="Nothing loads for about 20 s, although Wi-Fi shows as connected.",
            frequency="OFTEN", environment={"region": "EU", "carrier": "Vodafone"}, variant="A14-BLK-512",
            replies=(R("omar.h", "Do you have a mesh system? Mine did exactly this with band steering on."),),
            comment="Which router and Wi-Fi band are you on, and does it still happen with Wi-Fi power saving "
            "off (Settings > Wi-Fi > Advanced)?",
        ),
        Item(
            "Screen flickers at very low brightness", "BUG", "leo", "acknowledged", 6,
            "At the lowest brightness in dark mode, grey backgrounds flicker while scrolling. I see it in "
            "Settings and in messaging apps.",
            voters=("kenji",), against="V14.0.4.0",
            steps="1. Turn on dark mode\n2. Set the brightness to the minimum\n3. Open Settings and scroll slowly",
            expected="A steady picture.", actual="Grey areas flicker while scrolling.", frequency="ALWAYS",
            environment={"region": "EU", "carrier": "Telekom"}, variant="A14-BLK-256",
            replies=(R("chloe_m", "Same here, but only below about 5 % brightness."),),
            comment="Thanks, we see it on our phones too: a panel timing change. The weekly build reverts it.",
        ),
        Item(
            "Show battery health in settings", "SUGGESTION", "kenji", "planned", 29,
            "Show the battery's health (its capacity compared to new, and the charge cycles) in Settings > "
            "Battery, so we know when a replacement is due.",
            voters=("sofia",),
            replies=(R("jake_t", "Cycle count especially. It's the first thing I check on a used phone."),),
            comment="It's in the weekly beta now (Settings > Battery > Battery health) and comes to stable with "
            "V14.0.5.",
        ),
        Item(
            "Replace the boot animation with a dark one", "SUGGESTION", "amara", "wont-fix", 22,
            "The white boot animation is blinding when I restart the phone at night. A dark one, or one that "
            "follows dark mode, would be kinder.",
            comment="We'll keep the boot animation as it is: it plays before the system has read the dark mode "
            "setting. It is dimmer since V14.0.4.0, though.",
        ),
        Item(
            "Bluetooth audio stutters with two devices", "BUG", "sofia", "closed", 38,
            "With the Buds Pro and a smartwatch connected at the same time, music cuts out for a second about "
            "once a minute.",
            voters=("jonas",), against="V14.0.2.0",
            steps="1. Pair the Buds Pro and a smartwatch\n2. Play music\n3. Audio cuts out for a second every "
            "minute",
            expected="Music plays without breaks.", actual="A one-second cut about every minute.",
            frequency="OFTEN", environment={"region": "EU", "carrier": "Movistar"}, variant="A14-BLK-256",
            replies=(
                R("wei_zhang", "Try resetting the network settings: the watch pairing sometimes keeps an old "
                  "codec around."),
            ),
            comment="Gone after resetting the network settings, as wei_zhang suggested. Closing, thanks!",
        ),
    ],
    "aurora-buds-pro": [
        Item(
            "Left bud disconnects after ten minutes", "BUG", "amara", "fixed", 33,
            "The left bud drops out for 2-3 seconds about ten minutes into playback, then comes back. The right "
            "one keeps playing.",
            voters=("leo", "kenji", "sofia"), against="1.4.0",
            steps="1. Wear both buds\n2. Play music for ten minutes\n3. The left bud cuts out for 2-3 s",
            expected="Both buds play without a break.", actual="The left bud drops for 2-3 s after about ten "
            "minutes.", frequency="OFTEN", variant="ABP-WHT",
            replies=(
                R("kwame_a", "Same when I run with the phone in a back pocket, never at my desk."),
                R("mira", "Thanks both, that's the clue: the handover between the buds fails when the phone is "
                  "behind you. We have a fix."),
            ),
        ),
        Item(
            "Add a custom equaliser", "SUGGESTION", "leo", "planned", 28,
            "The presets are fine, but I'd like a little less bass for podcasts. A five-band equaliser in the "
            "app would do.",
            voters=("amara", "jonas"),
            replies=(R("marco_r", "And a way to save a preset per device, please: podcasts on the phone, music "
                       "on the laptop."),),
            comment="Planned for firmware 1.5: a five-band equaliser. A first version is in the 1.5.1 beta.",
        ),
        Item(
            "Case lid LED stays on", "BUG", "kenji", "new", 3,
            "Since 1.4.1 the light inside the case stays on after I close the lid, until I open it again.",
            voters=("amara",), against="1.4.1",
            steps="1. Put both buds in the case\n2. Close the lid\n3. The light stays on (white) instead of going "
            "out after a few seconds",
            expected="The light goes out a few seconds after closing.", actual="It stays on until I open the "
            "case again.", frequency="ALWAYS",
        ),
    ],
    "home-hub": [
        Item(
            "Hub forgets Wi-Fi after a power cut", "BUG", "jonas", "in-progress", 18,
            "After a power cut the hub starts the Wi-Fi setup again instead of reconnecting, and automations "
            "stop until I set it up.",
            voters=("leo", "amara"), against="2.3.0",
            steps="1. Unplug the hub for a minute\n2. Plug it back in\n3. It starts the Wi-Fi setup again",
            expected="It reconnects to the saved network.", actual="It asks for the Wi-Fi setup again; "
            "automations stop.", frequency="SOMETIMES", variant="CHH-STD",
            replies=(
                R("ingrid", "Happened to me twice during storms. A small UPS for the hub works around it."),
                R("hannah.b", "Mine keeps its network after power cuts. Is yours WPA3-only?"),
                R("jonas", "{prev} it is, WPA3-only. That could be it.", reply_to=3),
            ),
            comment="Reproduced on WPA3-only networks: the hub reads its saved network before the Wi-Fi chip is "
            "ready. We're working on it.",
            note="Race between config load and Wi-Fi firmware init; only WPA3-SAE. Fix planned for 2.5.",
        ),
        Item(
            "Support Matter scenes", "SUGGESTION", "sofia", "acknowledged", 15,
            "Scenes made in other Matter apps don't show up on the hub. I'd like one list of scenes for "
            "everything in the house.",
            voters=("jonas", "kenji"),
            comment="Good idea. We're looking at how scenes from other controllers can show up on the hub.",
        ),
        Item(
            "Night light turns on at noon", "BUG", "leo", "fixed", 16,
            "My 'sunset to sunrise' automation turned the hallway light on at noon, the day after updating to "
            "2.4.0.",
            voters=("jonas",), against="2.4.0",
            steps="1. Make an automation from sunset to sunrise\n2. Update to 2.4.0\n3. Watch the light the next "
            "day",
            expected="The light stays off during the day.", actual="It turned on at noon and off at sunset.",
            frequency="ALWAYS", variant="CHH-GRA",
            replies=(
                R("ingrid", "Same here since 2.4.0. Is your time zone set to automatic? Mine is."),
                R("mira", "Found it: after the update sunrise and sunset were worked out for the wrong day. The "
                  "fix ships in 2.4.1."),
            ),
        ),
    ],
}  # fmt: skip

# People who add a "me too" besides the voters named above (verified owners among them)
EXTRA_VOTERS = ["priya.k", "wei_zhang", "chen_yu", "marco_r", "yuki_t", "omar.h", "elena_p", "nguyen_an", "raj_p", "zhang_min", "ingrid", "tomasz", "minji", "diego.s", "hannah.b"]  # fmt: skip
