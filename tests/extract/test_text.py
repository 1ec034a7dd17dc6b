from __future__ import annotations

import pytest

from wirebrief.extract.chrome import is_chrome_line
from wirebrief.extract.text import clean_page_text

PAGE = """Navy Commissions New Frigate in Baltic Port

Listen to this article (3 min)
Share on Facebook | Twitter | Telegram

By Anna Berg, Defence Correspondent

The navy commissioned its newest frigate on Tuesday at a ceremony in the Baltic port, the defence
ministry said. The ship will join the fleet's patrol rotation next month.

Advertisement

Officials said the frigate carries a new air defence system and a hangar for two helicopters.

Subscribe to our newsletter
Tags: navy, frigates, Baltic

Read more: Baltic Allies Plan Joint Mine-Clearing Drill
Related stories
Shipyard Wins Second Frigate Contract
Coast Guard Tests New Patrol Drones

« Previous post
Air Force Retires Last Trainer Jets
Next post »
Army Opens Recruitment Centre in the North
"""


def test_clean_page_text_removes_chrome_and_keeps_article() -> None:
    clean = clean_page_text(PAGE)
    assert clean.title == "Navy Commissions New Frigate in Baltic Port"
    assert clean.author == "Anna Berg"
    for chrome in (
        "Listen to this article",
        "Share on",
        "Advertisement",
        "newsletter",
        "Tags:",
        "Previous post",
        "Next post",
        "Shipyard Wins",
        "Air Force Retires",
    ):
        assert chrome not in clean.text
    assert "commissioned its newest frigate" in clean.text
    assert "two helicopters." in clean.text
    # Hard-wrapped lines are joined into one paragraph.
    assert "defence ministry said" in clean.text.replace("\n", " ")


def test_clean_page_text_turns_navigation_into_related_links() -> None:
    related = {link.title: link.rel for link in clean_page_text(PAGE).related}
    assert related == {
        "Baltic Allies Plan Joint Mine-Clearing Drill": "related",
        "Shipyard Wins Second Frigate Contract": "related",
        "Coast Guard Tests New Patrol Drones": "related",
        "Air Force Retires Last Trainer Jets": "previous",
        "Army Opens Recruitment Centre in the North": "next",
    }


@pytest.mark.parametrize(
    "line",
    [
        "No time to read?",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "Share this article",
        "Follow us on Telegram",
        "Subscribe to our newsletter",
        "Photo: Reuters",
        "© 2024 Example Media. All rights reserved.",
        "Advertisement",
        "5 min read",
        "Facebook Twitter LinkedIn".replace(" ", " | "),
        "Sign up for our daily briefing",
    ],
)
def test_is_chrome_line_recognises_chrome(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in defence firms rose sharply after the ministry said it would buy tanks.",
        "The minister said the newsletter published by the army was misleading and withdrawn.",
        "Belarus has received the Iskander-M system.",
        "Training began on April 3.",
        "Next year the army will receive 40 new tanks, the minister said.",
    ],
)
def test_is_chrome_line_keeps_prose(line: str) -> None:
    assert not is_chrome_line(line)


def test_clean_page_text_given_title_is_not_repeated_in_text() -> None:
    clean = clean_page_text(
        "Talks Resume\n\nThe talks resumed on Monday in Geneva, officials said.",
        title="Talks Resume",
    )
    assert clean.text == "The talks resumed on Monday in Geneva, officials said."


def test_photo_captions_are_neither_title_nor_text() -> None:
    page = (
        "Frigates sail for the Baltic\n\n"
        "Photo: HMS Example leaves Portsmouth on a grey morning, escorted by two tugs. "
        "(Harbour News file photo)\n\n"
        "The Royal Navy sent two frigates to the Baltic Sea on Monday to join a NATO patrol, the "
        "Ministry of Defence said.\n\n"
        "Sailors wave from the deck as the ship passes the harbour wall at dawn. (Photo: J. Smith)"
        "\n\nThe deployment is expected to last until the spring, officials said.\n"
    )
    cleaned = clean_page_text(page)
    assert cleaned.title == "Frigates sail for the Baltic"
    assert "Photo" not in cleaned.text and "Sailors wave" not in cleaned.text
    assert "expected to last until the spring" in cleaned.text


@pytest.mark.parametrize("line", [
    "People gather in the square in Gaza City, January 19, 2025. REUTERS/Jane Doe",
    "A Taiwan Air Force F-16V takes off during a drill in May. Photo: EPA-EFE",
])
def test_a_caption_ending_with_its_credit_is_chrome(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", [
    "The minister said the photo: was doctored, a claim the agency denied.",
    "The minister said the photo was doctored (a claim the agency denied).",
    "The deal (Israel/Gaza) held, officials said.",
    "Russian forces attacked the city overnight, the ministry said (Reuters).",
])
def test_prose_mentioning_photos_or_agencies_is_kept(line: str) -> None:
    assert not is_chrome_line(line)


@pytest.mark.parametrize("stamp", ["date 2023-10-16", "Published: 2023-10-16T08:15Z",
                                   "2023-10-16"])
def test_a_leading_time_stamp_is_the_publication_date_and_leaves_the_text(stamp: str) -> None:
    from datetime import date

    page = (f" {stamp} The ministry said on Monday that two destroyers had sailed through the "
            "strait.\n\nOfficials said the ships would return to port within a week.")
    clean = clean_page_text(page)
    assert clean.published == date(2023, 10, 16)
    assert "2023-10-16" not in clean.text
    assert clean.text.startswith("The ministry said on Monday")


def test_a_date_in_the_first_sentence_is_not_a_stamp() -> None:
    clean = clean_page_text("On 2023-10-16 the ministry said two destroyers had sailed through "
                            "the strait.\n\nOfficials said the ships would return within a week.")
    assert clean.published is None


def test_the_briefing_takes_the_page_copy_date_when_none_is_given() -> None:
    from datetime import date

    from wirebrief.ingest.reader import RawDocument
    from wirebrief.pipeline import prepare_article

    raw = RawDocument(external_id="x", text="date 2023-10-16 The ministry said on Monday that two "
                      "destroyers had sailed through the strait.\n\nOfficials said more would "
                      "follow.")
    assert prepare_article(raw).published == date(2023, 10, 16)
    given = RawDocument(external_id="x", text=raw.text, published=date(2023, 10, 17))
    assert prepare_article(given).published == date(2023, 10, 17)


@pytest.mark.parametrize("line", ["Advertising Read more", "Read more Ukraine stories.",
                                  "Read more"])
def test_read_more_labels_are_chrome(line: str) -> None:
    assert is_chrome_line(line)


def test_a_sentence_starting_with_read_more_is_not_chrome() -> None:
    assert not is_chrome_line("Read more than 100 reports were filed by the ministry on Monday.")


@pytest.mark.parametrize(("line", "kept"), [
    ("Two civilians died. (Photo by INVESTIGATIVE COMMITTEE / AFP)", "Two civilians died."),
    ("They are destroyed on the battlefield. (Read more Ukraine stories.)",
     "They are destroyed on the battlefield."),
    ("President Donald Trump (L) and King Salman (2nd R) met.",
     "President Donald Trump and King Salman met."),
    ("**The Owner Company**", "The Owner Company"),
    ("The Social Democrats (SP) voted no.", "The Social Democrats (SP) voted no."),
    ("Trudeau insisted the deal was legal. (Sean Kilpatrick/Canadian Press)",
     "Trudeau insisted the deal was legal."),
    ("Troops patrol the border. (Jane Doe / Reuters via AP)", "Troops patrol the border."),
    ("Talks on the Israel/Gaza truce (Qatar/Egypt) resumed.",
     "Talks on the Israel/Gaza truce (Qatar/Egypt) resumed."),
    ("Talks (North Korea/South Korea) resumed on Monday.",
     "Talks (North Korea/South Korea) resumed on Monday."),
    ("The Pentagon declined to comment. (Reporting by Ann Lee and Bo Kim; Editing by Cy Ray)",
     "The Pentagon declined to comment."),
    ("The report was released this year. – Agencies", "The report was released this year."),
    ("He met officials of the agency - Agencies said.",
     "He met officials of the agency - Agencies said."),
    ("The talks were reported by Reuters (reporting from Kyiv).",
     "The talks were reported by Reuters (reporting from Kyiv)."),
])
def test_inline_chrome_is_dropped_from_prose(line: str, kept: str) -> None:
    from wirebrief.extract.chrome import strip_inline_chrome

    assert strip_inline_chrome(line) == kept


def test_a_run_of_spaces_in_a_line_is_kept_as_written() -> None:
    from wirebrief.extract.chrome import strip_inline_chrome

    line = "x" + " " * 40_000 + "y (Photo by A / AFP)"
    assert strip_inline_chrome(line) == "x" + " " * 40_000 + "y"


def test_a_wire_storys_closing_background_sentence_is_kept() -> None:
    page = ("Rebels attacked an army post in the north of the country on Tuesday, killing six "
            "soldiers, the defence ministry said.\n\n"
            "The attack came a day after the government rejected an offer of talks brokered by "
            "neighbouring states.\n\n"
            "\"We will not negotiate with men who kill our soldiers,\" a ministry spokesman told "
            "reporters in the capital.\n\n"
            "He was detained April 1 on a visit here to friends and relatives.\n")
    text = clean_page_text(page).text
    assert text.endswith("He was detained April 1 on a visit here to friends and relatives.")
    footer = page + "\nRead the latest news on our app: notifications for breaking news.\n"
    assert "our app" not in clean_page_text(footer).text
