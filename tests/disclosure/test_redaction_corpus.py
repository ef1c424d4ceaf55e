"""The generated corpus of real-format sentences (issue #20): every expected passage found with
its kind, nothing that must stay is touched, and redact_text gives the expected masked text."""

import pytest

from disclosure.redaction import find_sensitive, redact_text
from tests.disclosure.redaction_corpus import corpus

SENTENCES = corpus()


def test_the_corpus_is_large_enough():
    assert len(SENTENCES) >= 200


@pytest.mark.parametrize("sentence", SENTENCES, ids=[s.text[:30] for s in SENTENCES])
def test_sentence(sentence):
    found = find_sensitive(sentence.text, person_names=sentence.person_names)
    got = [(f.kind, f.text) for f in found]
    assert got == [(kind, text) for kind, _s, _e, text in sentence.expected()]
    for _kind, start, end, passage in sentence.kept():
        assert not any(f.start < end and start < f.end for f in found), passage
    assert redact_text(sentence.text, person_names=sentence.person_names) == sentence.masked()
