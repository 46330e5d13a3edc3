"""Each detector on sentence pairs a reader would judge at once."""

from __future__ import annotations

import pytest

from crosscheck.claims import split_claims
from crosscheck.model import Article
from crosscheck.pipeline import _bar
from crosscheck.settings import Settings
from crosscheck.verification import compare


def features(nlp, text: str):
    _, feats = split_claims(Article(id="x", text=text), nlp)
    assert len(feats) == 1, [f.text for f in feats]
    return feats[0]


CONFLICTS = [
    ("date", "The bridge was closed on Monday, March 3.", "The bridge was closed on Wednesday, March 5."),
    ("number", "The ferry carried 212 passengers.", "The ferry carried 121 passengers."),
    (
        "number",
        "The council released $4.5 million for repairs.",
        "The council released $45 million for repairs.",
    ),
    (
        "entity",
        "The driver was taken to St. Olave's Hospital.",
        "The driver was taken to Riverside General Hospital.",
    ),
    (
        "number",  # an age set off after a name (spaCy tags it DATE)
        "Police said Ada Brennan, 24, was found in the harbour office.",
        "Ada Mary Brennan, 48, was found in the harbour office, police said.",
    ),
    (
        "entity",  # the same place in sentences worded alike: a rewrite that changed the name
        "Officials stopped the game to allow coach Roy Williams to present Janus with the game ball.",
        "Officials stopped the game to allow coach Roy Williams to present Hansbrough with the game ball.",
    ),
    ("negation", "The crew did not issue a mayday call.", "The crew issued a mayday call."),
    ("negation", "The council refused to approve the budget.", "The council approved the budget."),
    ("negation", "The plant does not have 350 employees.", "The plant has 350 employees."),
    ("negation", "Residents did not have to evacuate their homes.", "Residents had to evacuate their homes."),
    ("negation", "The crew did not manage to divert the ferry.", "The crew diverted the ferry."),
    ("negation", "No warning was issued by the crew.", "The crew issued a warning."),
    ("negation", "The driver left the store without paying for the vodka.", "The driver paid for the vodka."),
    ("number", "About 3,000 Americans remain in the country.", "About 1,500 American citizens remain there."),
    (
        "negation",  # the speech verb that says the same thing is the second of two
        "An officer told reporters her online profile does not say she works as a nurse at the "
        "Riverside clinic in Port Ellis.",
        '"Look at her profile, she says she is a reporter," the officer said, adding that she works '
        "as a nurse at the Riverside clinic in Port Ellis.",
    ),
    (
        "entity",  # a city outside the other's country
        "The drone strike in India killed ten civilians, the general said.",
        "The drone strike in Kabul killed ten civilians, the general said.",
    ),
    ("antonym", "The council approved the ferry plan.", "The council rejected the ferry plan."),
    ("antonym", "Traffic on the ring road increased sharply.", "Traffic on the ring road decreased sharply."),
    (
        "attribution",
        "Fire Chief Lena Ortiz ordered the evacuation of the bridge.",
        "Police Commissioner Raj Malhotra ordered the evacuation of the bridge.",
    ),
    (
        "number",  # a rewrite changed one of two fives: the other five vouches for nothing
        "The tug was escorting five barges when its crew saw twenty small boats approaching.",
        "The tug was escorting five barges when its crew saw five small boats approaching.",
    ),
    (
        "antonym",  # a rewrite changed one of two "grew"
        "The blaze decreased quickly, there was a loud explosion, and then the blaze grew again.",
        "The blaze grew quickly, there was a loud explosion, and then the blaze grew again.",
    ),
]

AGREEMENTS = [
    ("About 40 vehicles were stranded.", "40 vehicles were stranded on the bridge."),
    ("Kim Jong Un sent a letter to Putin.", "Kim Jong-un sent Vladimir Putin a letter."),
    ("The United States and its allies were named.", "America and its allies were named."),
    ("The crew did not issue a warning.", "No warning was issued by the crew, who did not issue a warning."),
    ("Traffic did not increase.", "Traffic did not increase at all."),
    ("The bridge was closed on March 3.", "The bridge was closed on Monday, March 3."),
    ("Lena Ortiz, 61, and Ada Brennan, 48, were rescued.", "Ada Brennan, 48, and Lena Ortiz, 61, got out."),
    ("The plant has 350 employees.", "The plant does not have a union."),  # different things had
    ("Residents did not have to evacuate.", "Residents were not required to evacuate their homes."),
    ("Residents did not have to evacuate.", "Some residents evacuated."),  # no obligation, no denial
    ("About 3,000 Americans remain in the country.", "Some 3,000 American citizens remain there."),
    (  # a team's name is not a figure
        "Maurice Cheeks was fired Saturday as coach of the Philadelphia 76ers, who are slumping at 9-14 a "
        "year after making the playoffs.",
        "Stephen A. Smith has reported that the Philadelphia 76ers have parted ways with coach "
        "Maurice Cheeks.",
    ),
    (  # a bare office names nobody to set against a name
        "Pope Francis has apologised after slapping a woman's hand as he greeted pilgrims at the Vatican.",
        "The Pope repeatedly slapped her hand and told her to let go of him.",
    ),
    (  # the name after a title speaks, not the title
        "The victims' conditions weren't immediately known, said Troy police Lt. Gerry Scherlinck.",
        "The victims' conditions were not known, Gerry Scherlinck said.",
    ),
    (  # one name with an abbreviation in it
        "Biden said Tuesday the United States was opening a new era, telling the United Nations General "
        "Assembly his administration would work with other powers.",
        "The United States is moving into a new era, Biden said Tuesday during the opening of the UN "
        "General Assembly.",
    ),
    (  # a city and its country
        "Some of the remaining 1,000 may not want to leave, Mr. Blinken said, describing an ever-changing "
        "estimate that the Biden administration has grappled to pin down as American troops wind down an "
        "evacuation effort that has overwhelmed the airport in Kabul, the capital.",
        "Blinken gave the figure after Biden administration officials repeatedly said they didn't know how "
        "many Americans remain in Afghanistan as Biden prepares to remove all US troops within just days.",
    ),
    (  # a city and its country, as a compound
        "Dallas-based Southwest Airlines canceled more than 1,000 flights over the weekend, leaving "
        "passengers stranded across the country.",
        "Southwest Airlines canceled more than 1,000 flights over the weekend, leaving thousands of U.S. "
        "travelers stranded.",
    ),
    (  # "without" negates its own object, not the verb it hangs off
        "The jury recommended the maximum sentence of life in prison without parole.",
        "The jury recommended that he be sent to life in prison.",
    ),
    (  # part of a count is not the count
        "A spokeswoman for Beaumont Hospital in Royal Oak said the three victims were taken to the hospital.",
        "The two other victims were being treated at Beaumont Hospital in Royal Oak.",
    ),
    (  # the claim's actor is named on the other side too: two acts, not one credited twice
        "I think what is different here is that Kim Jong Un has played the president like a Stradivarius.",
        "President Donald Trump played down rhetorical attacks from Kim Jong Un as the year ended.",
    ),
    (  # a party replaced by the name it describes
        "A YouTube representative said the Republican senator's claims in the video had violated its policy.",
        "A YouTube spokesperson said Paul's claims in the clip violated their policy.",
    ),
]


@pytest.mark.parametrize(("kind", "claim", "evidence"), CONFLICTS)
def test_compare_names_the_kind_of_conflict(nlp, kind: str, claim: str, evidence: str) -> None:
    findings = compare(features(nlp, claim), features(nlp, evidence))
    assert kind in {f.kind for f in findings}, findings
    assert all("≠" in f.detail for f in findings)


@pytest.mark.parametrize(("claim", "evidence"), AGREEMENTS)
def test_compare_finds_nothing_in_agreeing_paraphrases(nlp, claim: str, evidence: str) -> None:
    a, b = features(nlp, claim), features(nlp, evidence)
    assert compare(a, b) == []
    assert compare(b, a) == []


def test_compare_identical_sentences_never_conflict(nlp) -> None:
    text = (
        "In February, North Korea recognized the independence of the Donetsk and Luhansk people's republics."
    )
    assert compare(features(nlp, text), features(nlp, text)) == []


def test_figures_of_one_act_are_paired_before_figures_of_one_unit(nlp) -> None:
    """The dead against the dead, not the sheltered against the dead."""
    claim = features(
        nlp, "The quake left over 14,000 people sheltering in tents and killed one person, officials said."
    )
    evidence = features(nlp, "The quake rocked the province on Sunday, killing four people.")
    numbers = [f for f in compare(claim, evidence) if f.kind == "number"]
    assert [(f.detail, f.anchored) for f in numbers] == [("one ≠ four", True)]


def test_a_date_of_one_event_told_as_verb_and_as_noun_is_anchored(nlp) -> None:
    """'raided … in July 2008' and 'an April, 2008 raid' date the same raid."""
    claim = features(nlp, "Texas authorities raided the compound in July 2008 after a call to a hotline.")
    evidence = features(nlp, "Prosecutors used documents seized during an April, 2008 raid at the ranch.")
    dates = [f for f in compare(claim, evidence) if f.kind == "date"]
    assert dates and dates[0].anchored, dates
    other = features(nlp, "Prosecutors used documents seized in April, 2008 at the ranch.")
    assert not any(f.anchored for f in compare(claim, other) if f.kind == "date")


def test_a_passive_subject_of_a_shared_verb_is_an_attribution(nlp) -> None:
    """Who had the act done to them: 'X was arrested' / 'Y was arrested' credits one act to two people."""
    claim = features(
        nlp,
        "Sheldon Whitehouse, the defensive tackle for the San Diego Chargers was arrested on suspicion "
        "of drunk driving early morning on Sunday, February 1, 2009.",
    )
    evidence = features(
        nlp,
        "Chargers defensive tackle Jamal Williams was arrested on suspicion of drunken driving, "
        "the team's second such arrest in less than a month.",
    )
    findings = compare(claim, evidence)
    kinds = {f.kind for f in findings}
    assert "attribution" in kinds and "entity" not in kinds, kinds
    # Still a name in a slot: it needs the slot conflicts' alignment, not the lower bar of an actor.
    passive = next(f for f in findings if f.kind == "attribution")
    assert _bar(passive, Settings()) == Settings().anchored_slot_score
    hospital = features(nlp, "The teen was rushed to Kings County Hospital but he later died.")
    moved = features(nlp, "The teen was rushed to Lenox Hill Hospital but he later died.")
    assert {f.kind for f in compare(moved, hospital)} == {"entity"}


HODGKINS = "Paul Allard Hodgkins, 38, was the first person charged with a felony to be sentenced."
TRUMP_SUSPENDED = (
    "Facebook Inc has suspended former US President Donald Trump's Facebook and Instagram accounts "
    "for two years."
)
WANDAVISION = (
    "Surprisingly, that list includes Marvel Studios' WandaVision, which was originally slated for a "
    "spring 2021 debut."
)


@pytest.mark.parametrize(
    ("kind", "claim", "evidence"),
    [
        (  # the subject told with the same age: the verbs differ ("is … rioter" / "was … person")
            "attribution",
            "Andrew Cuomo, a 38-year-old Floridian, is now the first Capitol rioter convicted of a felony "
            "to be sentenced.",
            HODGKINS,
        ),
        (  # the passive subject told with the same office as the owner of what was suspended
            "attribution",
            "On Friday, Facebook VP of Global Affairs, Nick Clegg, announced that former President Kimani "
            "Gray would be suspended from Facebook’s platforms for two years.",
            TRUMP_SUSPENDED,
        ),
        (  # the actor's office, given to a name that does not act in the other outlet's sentence
            "entity",
            "President Allyson Seeger told Israeli Prime Minister Benjamin Netanyahu in a phone call "
            "Wednesday that he expects “a significant de-escalation today on the path to a ceasefire,” "
            "the White House said.",
            "Israeli Prime Minister Benjamin Netanyahu on Wednesday brushed off President Biden's call for "
            'a "significant de-escalation" of the conflict in Gaza.',
        ),
        (  # the owner of the same named thing
            "entity",
            "Most notably, a newly released teaser revealed that State's WandaVision series has been "
            "pushed forward from 2021 to 2020.",
            WANDAVISION,
        ),
    ],
)
def test_a_name_described_like_the_other_outlets_is_its_rival(nlp, kind, claim, evidence) -> None:
    """Same office, age or owned name: one role, whatever heads the parse gives the two names."""
    findings = [f for f in compare(features(nlp, claim), features(nlp, evidence)) if f.kind == kind]
    assert findings and findings[0].anchored, findings


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (  # the same person, surname and age
            "Paul Hodgkins, a 38-year-old Floridian, is now the first Capitol rioter convicted of a felony "
            "to be sentenced.",
            HODGKINS,
        ),
        (  # the same person, shorter name and the same office
            "On Friday, Facebook VP of Global Affairs, Nick Clegg, announced that former President Trump "
            "would be suspended from Facebook’s platforms for two years.",
            TRUMP_SUSPENDED,
        ),
        (  # the same owner, spelled shorter
            "Most notably, a newly released teaser revealed that Marvel's WandaVision series has been "
            "pushed forward from 2021 to 2020.",
            WANDAVISION,
        ),
    ],
)
def test_the_same_name_described_alike_is_no_conflict(nlp, claim, evidence) -> None:
    kinds = {f.kind for f in compare(features(nlp, claim), features(nlp, evidence))}
    assert not kinds & {"entity", "attribution"}, kinds


def test_different_holders_of_an_office_are_not_paired_by_it(nlp) -> None:
    """'former President X' and 'President Y' are two people; ages that differ describe two people."""
    claim = features(nlp, "The ruling angered former President Donald Trump, who called it a disgrace.")
    evidence = features(nlp, "The ruling was welcomed by President Joe Biden, who called it fair.")
    assert not any(f.anchored for f in compare(claim, evidence) if f.kind in ("entity", "attribution"))
    # A sentence that names both holders speaks of two people.
    both = features(
        nlp,
        "After President Donald Trump once again dismissed nuclear threats from North Korea on New Year's "
        "Eve, a former aide to U.S. President Bill Clinton condemned the president for allegedly allowing "
        'Kim Jong Un to play him "like a Stradivarius violin."',
    )
    trump = features(
        nlp,
        "President Donald Trump played down rhetorical attacks from Kim Jong Un as the end-of-the-year "
        "holidays passed Wednesday without any new nuclear tests in North Korea.",
    )
    assert not any("Clinton" in f.detail for f in compare(both, trump)), compare(both, trump)
    # Two holders of one office who both act: two statements, not one credited to someone else.
    told = features(nlp, "President Joe Biden told reporters on Monday that the talks in Geneva were useful.")
    also = features(nlp, "President Vladimir Putin praised the talks in Geneva on Monday.")
    assert not {f.kind for f in compare(told, also)} & {"entity", "attribution"}
    older = features(
        nlp, "Andrew Cuomo, 64, is now the first Capitol rioter convicted of a felony to be sentenced."
    )
    assert not [f for f in compare(older, features(nlp, HODGKINS)) if f.kind == "attribution"]


def dated_features(nlp, text: str, published: str):
    _, feats = split_claims(Article(id="x", text=text, published=published), nlp)
    assert len(feats) == 1, [f.text for f in feats]
    return feats[0]


RIOT_EVIDENCE = (
    "Former President Donald Trump on Wednesday announced that he will lead a lawsuit over alleged "
    "censorship against Twitter, Facebook and Google -- three tech companies that removed him from their "
    "platforms after the Jan. 6 attack on the Capitol by a mob of his supporters."
)


def test_a_wrong_date_is_paired_with_the_date_of_the_same_event_not_the_report_day(nlp) -> None:
    """'the January 17 riot' against 'the Jan. 6 attack', not against 'on Wednesday' (a July day once
    the publication date resolves it): the riot and the attack are dated in one role."""
    claim = dated_features(
        nlp,
        "The announcement about the lawsuits comes after the companies removed Trump's access to their "
        "platforms in the aftermath of the January 17 riot on Capitol Hill.",
        "2021-07-08",
    )
    evidence = dated_features(nlp, RIOT_EVIDENCE, "2021-07-08")
    assert any(d.value.month == 7 for d in evidence.dates)  # the report day is a date of its own
    dates = [f for f in compare(claim, evidence) if f.kind == "date"]
    assert dates and "Jan. 6" in dates[0].detail and dates[0].anchored, dates


def test_the_right_date_of_the_event_is_no_conflict_whatever_the_report_day(nlp) -> None:
    claim = dated_features(
        nlp,
        "The announcement about the lawsuits comes after the companies removed Trump's access to their "
        "platforms in the aftermath of the January 6 riot on Capitol Hill.",
        "2021-07-08",
    )
    evidence = dated_features(nlp, RIOT_EVIDENCE, "2021-07-08")
    assert not [f for f in compare(claim, evidence) if f.kind == "date"]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [  # both words link to a shared one, but only WordNet's wider closure opposes them
        (  # decision -> decide, a kind of "end", whose antonym is "begin"
            "The committee announced its decision on Tuesday.",
            "The committee will begin hearings on Tuesday.",
        ),
        (  # stay opposes "change"; "act" is reached through the closure's hypernyms
            "Residents who stayed behind were rescued by boat.",
            "Residents were rescued by boat after officials acted.",
        ),
        (  # arrest/drive: rare senses ("halt" vs "move")
            "A man was arrested after the crash on the highway.",
            "A man was driving when the crash on the highway happened.",
        ),
    ],
)
def test_words_only_the_wider_closure_opposes_are_no_conflict(nlp, claim: str, evidence: str) -> None:
    kinds = {f.kind for f in compare(features(nlp, claim), features(nlp, evidence))}
    assert "antonym" not in kinds, kinds


def test_directly_opposed_words_conflict_without_an_anchor(nlp) -> None:
    claim = features(nlp, "Unemployment increased in March.")
    evidence = features(nlp, "In March the jobless rate decreased.")
    findings = [f for f in compare(claim, evidence) if f.kind == "antonym"]
    assert findings and not findings[0].anchored, findings
    assert findings[0].detail == "increase ≠ decrease"


def test_words_opposed_through_a_dominant_sense_conflict_when_anchored(nlp) -> None:
    """'expansion' is first of all a kind of 'increase': opposed to 'reduction' when both are of ties."""
    claim = features(nlp, "Moscow announced a reduction of bilateral ties with Pyongyang.")
    evidence = features(nlp, "Moscow offered to expand bilateral ties with Pyongyang.")
    findings = [f for f in compare(claim, evidence) if f.kind == "antonym"]
    assert findings and findings[0].anchored, findings
    assert findings[0].detail == "reduction ≠ expand"


def test_an_office_tagged_as_a_person_names_nobody(nlp) -> None:
    """After "Pope Francis …", spaCy tags the next sentence's "The Pope" a PERSON: as a name it
    became the actor of "slapped" against "Pope Francis … slapping" (an attribution conflict)."""
    _, (_, second) = split_claims(
        Article(
            id="b",
            text="Pope Francis lost his cool on New Year's Eve. The Pope repeated slapped her hand and "
            "told her to let go of him.",
        ),
        nlp,
    )
    first = features(
        nlp,
        "Pope Francis has apologised after slapping a woman's hand as he greeted pilgrims at the "
        "Vatican on New Year's Eve.",
    )
    assert not any(m.text == "Pope" for m in second.mentions)
    assert compare(first, second) == []
