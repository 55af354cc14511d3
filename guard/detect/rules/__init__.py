"""Rules for structured identifiers, one module per identifier family.

`default_rules()` is the rule set the detector, the daemon and the CLI use. Each rule is a
`Recognizer`: `find(text)` never raises on any str, runs in bounded time (linear patterns
plus a `regex` timeout), and returns findings whose explanation never contains the value.
"""

from __future__ import annotations

from guard.detect.recognizer import Recognizer


def default_rules() -> list[Recognizer]:
    """A fresh list of every shipped rule (rules are stateless and thread-safe)."""
    from guard.detect.rules.cards import CardRule
    from guard.detect.rules.clinician import ClinicianIdRule
    from guard.detect.rules.dates import DateRule
    from guard.detect.rules.email import EmailRule
    from guard.detect.rules.english_address import EnglishAddressRule
    from guard.detect.rules.firstnames import FirstNameRule
    from guard.detect.rules.iban import IbanRule
    from guard.detect.rules.layout import LayoutNameRule
    from guard.detect.rules.ids import HospitalIdRule
    from guard.detect.rules.names import TitledNameRule
    from guard.detect.rules.nir import NirRule
    from guard.detect.rules.phone import PhoneRule
    from guard.detect.rules.places import PlaceRule
    from guard.detect.rules.relatives import RelativeNameRule
    from guard.detect.rules.signoff import LastLineNameRule
    from guard.detect.rules.spoken import SpokenPhoneRule
    from guard.detect.rules.subjects import SubjectNameRule
    from guard.detect.rules.towns import TownRule
    from guard.detect.rules.zip import ZipRule

    return [
        NirRule(),
        PhoneRule(),
        SpokenPhoneRule(),
        EmailRule(),
        IbanRule(),
        ClinicianIdRule(),
        CardRule(),
        HospitalIdRule(),
        DateRule(),
        ZipRule(),
        PlaceRule(),
        EnglishAddressRule(),
        TownRule(),
        TitledNameRule(),
        RelativeNameRule(),
        FirstNameRule(),
        SubjectNameRule(),
        LastLineNameRule(),
        LayoutNameRule(),
    ]
