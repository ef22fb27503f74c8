import pytest

from comments.spam.features import BUCKETS, bucket_of, features


def weights_for(*spammy, kind="c"):
    """Weights that make the given feature strings spammy (+1 each, signed like the hashing)."""
    weights = {}
    for feature in spammy:
        bucket, sign = bucket_of(kind, feature)
        weights[bucket] = sign
    return weights


def test_words_pairs_and_character_ngrams_of_the_letters_and_digits():
    found = features("Call now")
    assert found.word_count == 3  # "call", "now", "call now"
    # " callnow ": " cal", "call", "alln", "llno", "lnow", "now "
    assert found.gram_count == 6
    assert all(0 <= bucket < BUCKETS for bucket in found.vector)


def test_separators_between_letters_and_digits_hide_nothing():
    plain = features("call now 18885550142")
    dressed = features("C.a.l.l   n-o-w 1 888 555 0142")
    # Both read "callnow18885550142": the same character n-grams, only the words differ.
    assert dressed.gram_count == plain.gram_count
    assert len(set(plain.vector) & set(dressed.vector)) >= plain.gram_count


def test_artefacts_of_copying_teach_nothing():
    assert features("Great song\ufeff").vector == features("great  song").vector
    assert features("<b>Great</b> song").vector == features("great song").vector


def test_each_half_of_the_vector_has_length_one():
    found = features("A fair report on the council budget, with the figures in full")
    length = sum(value * value for value in found.vector.values())
    assert length == pytest.approx(2.0, rel=0.05)  # words and n-grams, 1 each (a collision may shift it a little)
    assert features("").vector == {}


def test_a_very_long_comment_has_a_bounded_number_of_ngrams():
    assert features("lorem ipsum dolor sit amet " * 2000).gram_count < 2000


def test_the_words_behind_a_score_are_shown_as_written():
    found = features("Please C.A.L.L N.O.W on 1-888-555-0142 for printer help")
    weights = weights_for(*"callnow", "call", "alln", "lnow", "llno", "now", "cal", "all", "lln", "lno")
    assert found.explain(weights)[0] == "c.a.l.l n.o.w"
    assert found.explain(weights, spam=False) == []


def test_neighbouring_words_that_weigh_are_shown_together_and_light_ones_left_out():
    found = features("printer support number today, said the council")
    weights = weights_for("printer", "support", "number", kind="w")
    weights.update(weights_for("said", kind="w"))
    bucket, sign = bucket_of("w", "said")
    weights[bucket] = sign * 0.1  # a quarter of the heaviest or less: not shown
    assert found.explain(weights) == ["printer support number"]


def test_words_pulling_down_are_named_for_ham():
    found = features("The council vote was close")
    bucket, sign = bucket_of("w", "council")
    assert found.explain({bucket: -sign}, spam=False) == ["council"]


def test_the_name_and_website_are_a_block_of_their_own():
    from comments.spam.features import identity_words

    assert identity_words("Printer Help Desk", "printerfix-now.example.com/contact") == (
        "printer",
        "help",
        "desk",
        "printerfix",
        "now",
        "example",
    )
    assert identity_words("", "") == ()
    plain = features("great read")
    named = features("great read", name="Printer Help Desk", findings={"phone numbers": 0.3, "links": 0.0})
    assert set(plain.vector) < set(named.vector)
    assert named.findings == {"phone numbers": 0.3}  # a zero finding says nothing
    assert named.word_count == plain.word_count and named.gram_count == plain.gram_count
