from comments.spam.normalise import domain_of, duplicate_key, find_urls, normalise, text_hash


def test_nfkc_turns_styled_and_full_width_letters_into_plain_ones():
    assert normalise("Ｆｒｅｅ 𝐌𝐎𝐍𝐄𝐘") == "free money"


def test_zero_width_characters_and_byte_order_marks_are_removed():
    assert normalise("fr\u200bee mo\u200dney\ufeff") == "free money"
    assert normalise("\ufeffgreat song") == normalise("great song")


def test_html_entities_are_decoded_even_when_escaped_twice():
    assert normalise("rock &amp; roll") == "rock & roll"
    assert normalise("caf&eacute; &amp;lt;3") == "café <3"
    assert normalise("hidden&#xfeff; mark") == "hidden mark"


def test_tags_are_stripped_and_a_links_target_is_kept_as_its_domain():
    text = '<p>Look <b>here</b>: <a href="https://www.Example.com/path?q=1">my site</a></p>'
    assert normalise(text) == "look here : example.com my site"


def test_urls_are_reduced_to_their_domain():
    assert normalise("see https://shop.example.net/a/b?c=d and www.other.org/x") == "see shop.example.net and other.org"
    assert normalise("visit bit.ly/3abcd now") == "visit bit.ly now"


def test_text_is_lowercased_and_white_space_collapsed():
    assert normalise("  Hello\n\n  WORLD\t!  ") == "hello world !"


def test_text_hash_ignores_what_normalising_ignores():
    assert text_hash("Great SONG\ufeff") == text_hash("great song")
    assert text_hash("great song") != text_hash("great songs")
    assert len(text_hash("anything")) == 32


def test_text_hash_ignores_punctuation_so_a_repeat_is_found():
    assert text_hash("Great article.") == text_hash("Great article!")
    assert text_hash("Great, brave article...") == text_hash("great brave article")
    assert duplicate_key("Well -- said!!") == "well said"
    assert text_hash("Great article.") != text_hash("Great articles.")


def test_a_text_of_only_symbols_keeps_them():
    assert duplicate_key("👍") == "👍"
    assert text_hash("👍") != text_hash("👎")


def test_find_urls_finds_links_in_html_and_plain_text():
    urls = find_urls('<a href="http://a.example.com/x">a</a> and https://b.example.org, also c-site.net/page.')
    assert urls == ["http://a.example.com/x", "https://b.example.org", "c-site.net/page"]


def test_domain_of():
    assert domain_of("https://WWW.Example.COM/path") == "example.com"
    assert domain_of("bit.ly/abc") == "bit.ly"
    assert domain_of("") == ""
    assert domain_of("http://[broken") == ""
