"""Canonical names and the knowledge base."""

import pytest

from graphbuild.errors import PatternError
from graphbuild.kb import load_kb, name_key, person_key, slug


@pytest.mark.parametrize(
    "variants",
    [
        ["Xiaomi", "Xiaomi Corp.", "Xiaomi's", "Xiaomi Group", "XIAOMI"],
        ["U.S.", "US", "the U.S."],
        ["AT&T", "AT&T Inc."],
    ],
)
def test_variants_share_a_key(variants):
    assert len({name_key(v) for v in variants}) == 1


def test_distinct_names_keep_distinct_keys():
    assert name_key("Apple") != name_key("Apple Music")
    assert name_key("Microsoft") != name_key("Microsoft Research")
    from graphbuild.kb import organization_key

    assert organization_key("Lucent Technologies") == organization_key("Lucent")
    # One descriptor only: a subsidiary named after its parent stays apart.
    assert organization_key("Ericsson Mobile Communications AB") != organization_key("Ericsson")
    assert organization_key("Sony Computer Entertainment") != organization_key("Sony")


def test_person_titles_are_dropped():
    assert person_key("Sen. Edward Markey") == person_key("Edward Markey") == "edward markey"


def test_slug_is_safe_for_any_script():
    assert slug("at&t") == "at-t"
    assert slug("华为 技术") == "华为-技术"
    assert slug('<script>"x"</script>') == "script-x-script"


def test_bundled_kb_resolves_aliases_and_demonyms():
    kb = load_kb()
    assert kb.lookup("United States").id == kb.lookup("America").id == "united-states"
    assert kb.lookup("Federal Communications Commission").id == kb.lookup("FCC").id
    assert kb.place_of_demonym("Chinese").id == "china"
    assert kb.lookup("Xiaomi").qid == "Q1636958"


def test_user_kb_extends_and_overrides(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "acme", "name": "Acme Robotics", "type": "Company", "aliases": ["Acme"], "qid": "Q1"}\n', encoding="utf-8")
    kb = load_kb([path])
    assert kb.lookup("Acme").id == "acme"
    assert kb.lookup("Apple") is not None


def test_bad_kb_line_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "name": "X", "type": "Company"}\n{"id": "y", "name": "Y", "type": "Fruit"}\n', encoding="utf-8")
    with pytest.raises(PatternError, match=r"bad\.jsonl:2: unknown type 'Fruit'"):
        load_kb([path])


@pytest.mark.parametrize(
    "lines, message",
    [
        (['{"id": "zorbel", "name": "Zorbel", "type": "Product", "maker": "nobody"}'], r"mine\.jsonl:1: the maker 'nobody' is no entry"),
        (['{"id": "zorbel", "name": "Zorbel", "type": "Product", "maker": "china"}'], r"mine\.jsonl:1: the maker 'china' is a Place"),
        (['{"id": "x", "name": "X", "type": "Product"}', '{"id": "y", "name": "Y", "type": "Company", "maker": "x"}'], r"mine\.jsonl:2: only a Product has a 'maker'"),
    ],
)
def test_a_maker_must_be_a_known_organization(tmp_path, lines, message):
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match=message):
        load_kb([path])


def test_a_maker_may_come_from_a_later_file(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "zorbel", "name": "Zorbel", "type": "Product", "line": true, "maker": "acme"}\n', encoding="utf-8")
    second.write_text('{"id": "acme", "name": "Acme Robotics", "type": "Company"}\n', encoding="utf-8")
    kb = load_kb([first, second])
    assert kb.made_as("Zorbel QT 2").maker == "acme" and kb.made_as("Zorbel") is not None and kb.made_as("Acme Robotics") is None


def test_a_kb_subtype_must_refine_the_type_in_the_ontology(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "name": "X", "type": "Place", "subtype": "Country"}\n{"id": "y", "name": "Y", "type": "Company", "subtype": "Country"}\n', encoding="utf-8")
    with pytest.raises(PatternError, match=r"bad\.jsonl:2: 'Country' is not a subtype of Company in the ontology"):
        load_kb([path])


@pytest.mark.parametrize(
    "words,label,expected",
    [
        (["Nordvik", "Tryck", "AB"], "PERSON", "Organization"),
        (["University", "of", "Oslo"], "GPE", "Organization"),
        (["Brandt", "Institute"], "PERSON", "Organization"),
        (["Gulf", "Bank"], "GPE", "Company"),
        (["Ingrid", "Berg"], "PERSON", "Person"),
        (["San", "Diego"], "GPE", "Place"),
    ],
)
def test_name_words_correct_the_spacy_label(words, label, expected):
    import spacy
    from spacy.tokens import Doc, Span

    from graphbuild.nlp.components import EntityTyper

    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words)
    assert EntityTyper(nlp, "typer", [], True).rule_type(Span(doc, 0, len(words), label=label)) == expected


def test_amounts_prefixed_words_and_glued_descriptors_are_not_names(extractor):
    doc = extractor.nlp("Shares in firm Aggregate Industries rose by $377bn in 2004, and the non-Nato states of the Ifo institute met da Silva.")
    names = [(e.text, e.label_) for e in doc.ents]
    assert ("Aggregate Industries", "Company") in names and ("da Silva", "Person") in names
    assert not [n for n, _ in names if "377" in n or n.lower().startswith(("non-", "firm "))]


def test_a_person_is_labelled_by_the_fullest_name_titles_aside():
    from graphbuild.kb import preferred_name

    assert preferred_name({"Ms Cooper": 4, "Cooper": 2, "Cynthia Cooper": 1}, "Person") == "Cynthia Cooper"
    assert preferred_name({"BT": 4, "British Telecom": 1}, "Company") == "BT"


def test_a_product_the_model_left_untagged_is_typed_from_its_context(extractor):
    doc = extractor.nlp("Sony, IBM and Toshiba have been working on the Cell processor for three years.")
    assert ("Cell", "Product") in [(e.text, e.label_) for e in doc.ents]


def test_the_bundled_entity_typer_model_is_in_use(extractor):
    # Without its weights the typer falls back to the label rules: a missing file must not pass unnoticed.
    typer = extractor.nlp.get_pipe("graphbuild_entity_typer")
    assert typer.model is not None and {"Company", "Product", "Person", "None"} <= set(typer.model.types)


def test_known_names_reach_the_recogniser_under_its_own_labels_and_keep_their_types():
    # A preset label the recogniser never learned makes it grow its output layer, and every word then costs more.
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline()
    ner = nlp.get_pipe("ner")
    learned = ner.moves.n_moves
    doc = nlp("Xiaomi and the US Federal Communications Commission met in Beijing about the Xiaomi Mi A1.")
    assert ner.moves.n_moves == learned and set(ner.labels).isdisjoint({"Company", "GovernmentBody", "Place", "Product"})
    names = {(e.text, e.label_, e.id_) for e in doc.ents}
    assert {("Xiaomi", "Company", "xiaomi"), ("Beijing", "Place", "beijing")} <= names, names
    assert "graphbuild_known" not in doc.spans


def test_a_group_suffix_joins_a_name_to_an_entry_only_through_its_own_name(tmp_path):
    path = tmp_path / "kb.jsonl"
    path.write_text('{"id": "vantor", "name": "Vantor", "type": "Company", "aliases": ["Vex"]}\n', encoding="utf-8")
    kb = load_kb([str(path)], bundled=False)
    assert kb.lookup("Vantor Group").id == "vantor" and kb.lookup("Vex Inc.").id == "vantor"
    assert kb.lookup("Vex Group") is None  # another organization that shares the alias once 'Group' is dropped
    assert kb.names_another("Vex", "Group") and not kb.names_another("Vantor", "Group")


def test_a_group_named_after_an_alias_is_its_own_entity(extractor):
    doc = extractor.nlp("Steve Kleynhans, an analyst with Meta Group, said demand was strong.")
    assert ("Meta Group", "") in [(e.text, e.id_) for e in doc.ents]


def test_markup_and_source_lines_are_not_names(extractor):
    text = ('NewsFactor - Red Hat said on Monday that Verizon Communications Inc. <A HREF="http://www.investor.reuters.com/FullQuote.aspx?ticker=VZ.N">VZ.N</A> '
            "and Microsoft Corp. <MSFT.O> will use its software.")
    labels = {e.text for e in extractor.nlp(text).ents}
    assert {"NewsFactor", "Red Hat"} <= labels
    assert not any("<" in label or "?" in label or label in ("VZ.N", "MSFT.O") for label in labels), labels


def test_a_known_name_the_parser_joins_to_the_next_capitalised_word_leaves_the_name_to_the_model(extractor):
    names = [(e.text, e.id_) for e in extractor.nlp("Video content is available via Google Video, the firm said.").ents]
    assert ("Google", "google") not in names and any(text == "Google Video" for text, _ in names)
    # A descriptor or legal suffix after the name is still the known company.
    assert ("Xiaomi Corp.", "xiaomi") in [(e.text, e.id_) for e in extractor.nlp("Shares in Xiaomi Corp. rose.").ents]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Japan Airlines ordered ten planes from Boeing.", "Japan Airlines"),
        ("Al Abdullah established Kuwait Invest for Medical Services as a provider.", "Kuwait Invest for Medical Services"),
    ],
)
def test_a_company_named_after_its_country_is_not_the_country(extractor, text, name):
    """The gazetteer leaves 'Japan' to the model when the parser joins it to the next name, and
    the company's key keeps its descriptor when dropping it would leave the country's name."""
    from graphbuild.pipeline import extract

    (record,) = list(extract([text], extractor=extractor))
    assert (name, "Company") in {(e.label, e.type) for e in record.entities}
    assert not any(e.type == "Place" for e in record.entities)


def test_an_organization_key_keeps_its_descriptor_rather_than_become_a_place():
    kb = load_kb()
    assert kb.organization_key("Japan Airlines") == "japan airlines"
    assert kb.organization_key("Lucent Technologies") == kb.organization_key("Lucent")


def test_firms_named_like_people_are_companies(extractor):
    doc = extractor.nlp("Ms Cooper said external auditors Arthur Andersen had approved the accounts, as had Grant Thornton.")
    types = {e.text: e.label_ for e in doc.ents}
    assert types.get("Arthur Andersen") == "Company" and types.get("Grant Thornton") == "Company", types
