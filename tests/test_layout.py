"""layout: subject, salutation and recipient, body, sign-off, postscript (no spaCy)."""

from __future__ import annotations

import pytest

from notelint.layout import Layout, find_layout


def _part(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def _parts(text: str) -> tuple[Layout, dict[str, str | None]]:
    layout = find_layout(text)
    return layout, {
        "subject": _part(text, layout.subject),
        "salutation": _part(text, layout.salutation),
        "body": _part(text, layout.body),
        "signoff": _part(text, layout.signoff),
        "postscript": _part(text, layout.postscript),
    }


@pytest.mark.parametrize(
    ("line", "recipient"),
    [
        ("Dear Ms. Okafor,", "Ms. Okafor"),
        ("Hi Dana,", "Dana"),
        ("Hello Dr. Lee:", "Dr. Lee"),
        ("Hi Priya —", "Priya"),
        ("Good morning Mr. Patel,", "Mr. Patel"),
        ("Dear Hiring Team,", "Hiring Team"),
        ("Hey Sam!", "Sam"),
        ("  Dear Ms. Okafor and Mr. Reyes,", "Ms. Okafor and Mr. Reyes"),
        ("Dear hiring panel members Ana and Raj,", "hiring panel members Ana and Raj"),
        ("Hello Dana", "Dana"),
        ("Hi,", None),
        ("Hello", None),
        ("To whom it may concern,", None),
    ],
)
def test_salutation_and_recipient(line: str, recipient: str | None) -> None:
    text = f"{line}\n\nThank you for the tour of the plant on Tuesday.\n\nBest,\nSam\n"
    layout, parts = _parts(text)
    assert parts["salutation"] == line.strip()
    assert layout.recipient == recipient
    assert parts["body"] == "Thank you for the tour of the plant on Tuesday."


@pytest.mark.parametrize(
    ("first_line", "salutation", "recipient", "body_start"),
    [
        ("Dear Ms. Okafor, thank you for meeting me.", "Dear Ms. Okafor,", "Ms. Okafor", "thank"),
        ("Hi Jo, thanks so much for today.", "Hi Jo,", "Jo", "thanks"),
        ("Hello, I wanted to thank you.", "Hello,", None, "I wanted"),
    ],
)
def test_inline_salutation(
    first_line: str, salutation: str, recipient: str | None, body_start: str
) -> None:
    layout, parts = _parts(f"{first_line}\nBest,\nSam\n")
    assert parts["salutation"] == salutation
    assert layout.recipient == recipient
    assert parts["body"] is not None and parts["body"].startswith(body_start)
    assert parts["signoff"] == "Best,\nSam"


@pytest.mark.parametrize(
    "first_line",
    [
        "Hi Jo thank you so much for meeting me today!",
        "Hello everyone and thanks for the great interview today",
        "Hiring you would be a coup, I told myself.",
        "Thank you for the time you spent with me today.",
    ],
)
def test_sentence_is_not_a_salutation(first_line: str) -> None:
    layout, parts = _parts(f"{first_line}\nIt was good to meet the team.\n")
    assert layout.salutation is None and layout.recipient is None
    assert parts["body"] is not None and parts["body"].startswith(first_line)


@pytest.mark.parametrize(
    ("closing", "signoff"),
    [
        ("Best,\nSam", "Best,\nSam"),
        ("— Sam", "— Sam"),
        ("-- Sam Lee", "-- Sam Lee"),
        ("Thanks again,\nJo", "Thanks again,\nJo"),
        ("Kind regards,\nSam Lee\nData Analyst\nsam@example.com", None),
        ("Sincerely yours,\nA. B.", "Sincerely yours,\nA. B."),
        ("Cheers!", "Cheers!"),
        ("With gratitude,\nRuth", "With gratitude,\nRuth"),
    ],
)
def test_signoff(closing: str, signoff: str | None) -> None:
    text = f"Hi Dana,\n\nThe forecasting exercise was a good puzzle.\n\n{closing}\n"
    _, parts = _parts(text)
    assert parts["signoff"] == (signoff or closing)
    assert parts["body"] == "The forecasting exercise was a good puzzle."


def test_subject_line_and_markdown_heading() -> None:
    _, parts = _parts("Subject: Thanks for today\n\nHi Jo!\nThe demo was great.\nCheers\n")
    assert parts["subject"] == "Subject: Thanks for today"
    assert parts["salutation"] == "Hi Jo!"
    assert parts["body"] == "The demo was great."
    _, parts = _parts("# Thank you\n\nDear Hiring Team,\nThe demo was great.\nSincerely,\nAB\n")
    assert parts["subject"] == "# Thank you"
    assert parts["salutation"] == "Dear Hiring Team,"


def test_note_with_neither_salutation_nor_signoff() -> None:
    text = "Thanks for the chat today. I learned a lot about the route planner.\nIt was good.\n"
    layout, parts = _parts(text)
    assert (layout.salutation, layout.signoff, layout.subject, layout.recipient) == (None,) * 4
    assert parts["body"] == text.strip()


@pytest.mark.parametrize("text", ["Thanks!", "Thank you!\n", "Best,\nSam"])
def test_note_that_is_all_frame_is_its_own_body(text: str) -> None:
    _, parts = _parts(text)
    assert parts["body"] == text.strip()


@pytest.mark.parametrize(
    "text", ["To whom it may concern,\nThank you.\n", "Hello\nThank you.\n", "Hi Jo,\nThanks!\n"]
)
def test_the_only_body_line_is_not_taken_for_a_signoff(text: str) -> None:
    layout, parts = _parts(text)
    assert layout.signoff is None
    assert parts["body"] == text.splitlines()[1]


def test_closing_with_prose_below_is_body() -> None:
    text = (
        "Hi Jo,\nThank you.\nThanks again!\n"
        "I am attaching the portfolio that shows the redesign we discussed.\n"
    )
    layout, parts = _parts(text)
    assert layout.signoff is None
    assert parts["body"] is not None and parts["body"].endswith("we discussed.")


def test_closing_words_inside_a_sentence_are_body() -> None:
    text = "Hi Jo,\nThanks again for the tour.\nBest of luck with the launch next week.\n"
    layout, parts = _parts(text)
    assert layout.signoff is None
    assert parts["body"] is not None and parts["body"].endswith("next week.")


def test_postscript_after_signoff() -> None:
    text = "Hi Jo,\nThank you.\n\nBest,\nSam\n\nP.S. I dropped off some cookies at reception.\n"
    _, parts = _parts(text)
    assert parts["signoff"] == "Best,\nSam"
    assert parts["postscript"] == "P.S. I dropped off some cookies at reception."
    assert parts["body"] == "Thank you."


def test_footnote_after_signature_is_not_prose() -> None:
    text = (
        "Hi Jo,\nThe recovery numbers[1] were a surprise.\n\nKind regards,\nKenji\n\n"
        "[1] Interlaboratory comparison of recoveries across the regional network, 2025.\n"
    )
    _, parts = _parts(text)
    assert parts["body"] == "The recovery numbers[1] were a surprise."
    assert parts["signoff"] is not None and parts["signoff"].startswith("Kind regards,")


def test_postscript_before_signoff_is_body() -> None:
    text = "Hi Jo,\nThank you.\nPS: the slides are attached.\nBest,\nSam\n"
    _, parts = _parts(text)
    assert parts["postscript"] is None
    assert parts["body"] == "Thank you.\nPS: the slides are attached."


@pytest.mark.parametrize(
    "attribution",
    ["On Mon, Nov 23, 2026 at 9:02 AM Jo Park wrote:", "-----Original Message-----"],
)
def test_quoted_earlier_thread_is_neither_body_nor_signoff(attribution: str) -> None:
    # Quote markers are blanked before layout runs (reflow.prepare), so the thread is indented.
    text = (
        f"Hi Jo,\nHere is the rota you asked for.\nSam\n\n  {attribution}\n"
        "  Hi Sam, just checking in on the rota.\n  Jo\n"
    )
    layout, parts = _parts(text)
    assert parts["body"] == "Here is the rota you asked for.\nSam"
    assert layout.signoff is None
    text = f"Hi Jo,\nThank you.\n\nBest,\nSam\n\n  {attribution}\n  Hi Sam, thanks.\n"
    assert _parts(text)[1]["signoff"] == "Best,\nSam"


def test_a_reply_below_the_quoted_thread_is_body() -> None:
    text = (
        "Hi Jo,\n  On Mon, Nov 23, 2026 at 9:02 AM Jo Park wrote:\n  Could you send the rota?\n"
        "\nHere is the rota you asked for.\nBest,\nSam\n"
    )
    _, parts = _parts(text)
    assert parts["body"] is not None and parts["body"].endswith("Here is the rota you asked for.")


def test_a_quotation_introduced_in_the_body_stays_body() -> None:
    text = "Hi Jo,\nOn your careers page you wrote:\nWe ship weekly.\nThat suits me.\n"
    _, parts = _parts(text)
    assert parts["body"] == "On your careers page you wrote:\nWe ship weekly.\nThat suits me."


def test_crlf_note() -> None:
    text = "Dear Ms. Okafor,\r\n\r\nThank you for the chat.\r\n\r\nBest,\r\nSam\r\n"
    layout, parts = _parts(text)
    assert parts["salutation"] == "Dear Ms. Okafor,"
    assert layout.recipient == "Ms. Okafor"
    assert parts["body"] == "Thank you for the chat."
    assert parts["signoff"] == "Best,\r\nSam"


def test_masked_front_matter_is_skipped() -> None:
    text = "  \n      \n   \nHi Jo,\nThe demo was great.\nBest,\nSam\n"
    layout, parts = _parts(text)
    assert parts["salutation"] == "Hi Jo,"
    assert layout.body[0] == text.index("The demo")


def test_blank_text() -> None:
    assert find_layout("   \n  \n") == Layout(body=(0, 7))
