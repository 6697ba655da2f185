"""How news phrasing is read: names ending in 's, possessives bound in their clause, ownership phrasings."""

import json

import pytest

from graphbuild.pipeline import Extractor, extract

#: Invented companies, typed by a knowledge-base file so that the tests exercise the reading rules,
#: not how the statistical model happens to type a made-up name.
INVENTED = ["Globex Retail", "Hanlon", "Petrie", "Zenith Motors", "Orbis Motors", "Falco", "Vela", "Globex Holdings", "Initech", "Vantor", "eTrion"]


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "invented.jsonl"
    companies = [{"id": n.lower().replace(" ", "-"), "name": n, "type": "Company"} for n in INVENTED]
    line = {"id": "zorbel", "name": "Zorbel", "type": "Product", "line": True, "maker": "initech"}  # an invented product line
    path.write_text("".join(json.dumps(entry) + "\n" for entry in [*companies, line]), encoding="utf-8")
    return Extractor(kb_paths=(str(path),))


def _record(extractor, text):
    (record,) = list(extract([text], extractor=extractor))
    return record


def _facts(record):
    return {(r.subject, r.predicate, r.object) for r in record.relations}


def _named_facts(record):
    """Facts by the labels of their entities: for names the model types, not the test's knowledge base."""
    labels = {e.id: e.label for e in record.entities}
    return {(labels[s], p, labels.get(o, o)) for s, p, o in _facts(record)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Analysts said Dillard's cut its forecast.", "Dillard's"),
        ("Investors in Sainsbury's were pleased on Monday.", "Sainsbury's"),
    ],
)
def test_a_name_ending_in_s_that_possesses_nothing_keeps_it(extractor, text, name):
    assert name in {e.label for e in _record(extractor, text).entities}


def test_a_possessor_is_still_only_the_name(extractor):
    labels = {e.label for e in _record(extractor, "Orbis Systems's new phone sold well, and Orbis Systems's shares rose.").entities}
    assert "Orbis Systems" in labels and not any(label.endswith("'s") for label in labels)


def test_an_owner_and_its_stores_named_with_s(invented):
    record = _record(invented, "Globex Retail - owner of Hanlon's and Petrie's - will assume the debt of its rival.")
    assert {("hanlon", "subsidiaryOf", "globex-retail"), ("petrie", "subsidiaryOf", "globex-retail")} <= _facts(record)


def test_a_possessive_belongs_to_the_subject_of_its_own_clause(invented):
    """The last sentence's topic (Zenith Motors) is the usual antecedent of 'its', but not inside
    a clause whose subject, through 'which', is another company."""
    text = (
        "Zenith Motors sold its stake on Monday. "
        "The sale looks worse for Orbis Motors, which is struggling with its own loss-making brands Falco and Vela."
    )
    facts = _facts(_record(invented, text))
    assert ("falco", "subsidiaryOf", "orbis-motors") in facts and ("vela", "subsidiaryOf", "orbis-motors") in facts
    assert not any(o == "zenith-motors" and p == "subsidiaryOf" for _, p, o in facts)  # the old reading


def test_what_a_company_owns_may_be_named_inside_a_longer_noun_phrase(invented):
    facts = _facts(_record(invented, "A merger with Globex Holdings, which owns the Initech derivatives exchange in Paris, is likely."))
    assert ("initech", "subsidiaryOf", "globex-holdings") in facts


def test_a_place_before_a_descriptor_is_read_in_word_order_and_a_pair_gives_both_homes(invented):
    """Parsers often cut 'Russian state gas firm Vantor'; word order still says where Vantor is from.
    'German-Russian' names two homes, and the guidelines annotate both."""
    record = _record(invented, "The bank agreed to lend Russian state gas firm Vantor the money on Monday.")
    assert ("vantor", "headquarteredIn", "russia") in _facts(record)
    two = _facts(_record(invented, "The bank agreed to lend German-Russian gas firm Vantor the money on Monday."))
    assert {("vantor", "headquarteredIn", "russia"), ("vantor", "headquarteredIn", "germany")} <= two
    two = _facts(_record(invented, "US-German carmaker Initech, a 30% shareholder in Vantor, decided not to add money."))
    assert {("initech", "headquarteredIn", "united-states"), ("initech", "headquarteredIn", "germany"), ("initech", "investsIn", "vantor")} <= two
    assert not any(s == "vantor" and p == "headquarteredIn" for s, p, _ in two)


@pytest.mark.parametrize(
    "text, home",
    [
        ("The deal joins Venezuelan energy firm Initech and Argentina's Vantor.", "venezuela"),
        ("Swiss drugmaker Initech has announced purchases.", "switzerland"),
        ("Lithuanian steelmaker Initech will cut jobs.", "lithuania"),
    ],
)
def test_a_nationality_before_a_company_noun_is_its_home(invented, text, home):
    assert ("initech", "headquarteredIn", home) in _facts(_record(invented, text))


@pytest.mark.parametrize(
    "text, homes",
    [
        ("Australian winemaker Southcorp has rejected a takeover offer.", {("southcorp", "australia")}),
        ("Chrysler avoided the fate of US rivals Ford and General Motors, both of whom lost ground.", {("ford", "united-states"), ("general-motors", "united-states")}),
    ],
)
def test_a_descriptor_the_tagger_mistakes_for_a_proper_noun_or_a_verb_still_gives_a_home(extractor, text, homes):
    """The tagger reads 'winemaker' before a name as a proper noun and 'rivals' as a verb; the words still describe the names."""
    facts = {(s, o) for s, p, o in _facts(_record(extractor, text)) if p == "headquarteredIn"}
    assert homes <= facts


def test_a_plural_descriptor_describes_every_name_listed_after_it_and_a_singular_one_only_the_first(invented):
    facts = _facts(_record(invented, "The deal hurt US carmakers Initech and Vantor."))
    assert {("initech", "headquarteredIn", "united-states"), ("vantor", "headquarteredIn", "united-states")} <= facts
    facts = _facts(_record(invented, "The bank lent money to US firm Initech and Vantor."))
    assert ("initech", "headquarteredIn", "united-states") in facts and ("vantor", "headquarteredIn", "united-states") not in facts


@pytest.mark.parametrize(
    "text, product",
    [
        ("Reviewers picked out Initech's KX-410/B Aurora laptop as the best machine.", "KX-410/B Aurora"),
        ("Other products included the Lumo Z7 desktop computer and the RT-208 media server.", "RT-208"),
        ("The KP-S4100 phone was developed by Initech.", "KP-S4100"),
        ("Smartphones like the Vantor E310 offer web access.", "Vantor E310"),
    ],
)
def test_a_model_name_is_one_product(invented, text, product):
    """Model codes are cut into pieces or missed by the statistical model; before a product noun,
    or glued to a maker's name, the run is one product."""
    record = _record(invented, text)
    assert product in {e.label for e in record.entities if e.type == "Product"}


@pytest.mark.parametrize(
    "text, product",
    [
        ("Globex Retail is to buy ten A320 aircraft, and has the option to buy 20 more.", "A320"),
        ("Vantor will deliver up to 50 of its forthcoming 7E7 planes to Globex Retail.", "7E7"),
        ("Other awards went to the Lumo 300D digital camera.", "Lumo 300D"),
    ],
)
def test_a_model_code_alone_before_a_product_noun_is_a_product(invented, text, product):
    """'A320' has one letter: a code with two digits or more names a product before a product
    or vehicle noun, and a code right after a name is one model with it ('Lumo 300D')."""
    record = _record(invented, text)
    assert product in {e.label for e in record.entities if e.type == "Product"}


def test_buying_counted_units_of_a_product_is_no_acquisition(invented):
    """'buy ten A320 aircraft' buys planes, not the A320 line, and 'ten Vantor stores' are not Vantor."""
    for text in ("Globex Retail is to buy ten A320 aircraft from Vantor.", "Globex Retail is to buy ten Vantor stores."):
        assert not {f for f in _facts(_record(invented, text)) if f[1] == "acquired"}
    assert ("globex-retail", "acquired", "vantor") in _facts(_record(invented, "Globex Retail is to buy Vantor."))


def test_a_makers_name_written_before_its_product_makes_it(extractor):
    """'the Motorola Razr V3 phone': the model tags Motorola apart from the product it names, which it makes;
    a product the knowledge base gives another maker is not made by the name before it ('Dell Windows PCs')."""
    record = _record(extractor, "Reviewers liked the Motorola Razr V3 phone and a 1.8GHz AMD Sempron processor, but not Dell Windows PCs.")
    by_rule = {(r.subject, r.object) for r in record.relations if r.predicate == "makesProduct" and r.method == "makesProduct.name-prefix"}
    assert {("motorola", "razr-v3"), ("amd", "sempron")} <= by_rule
    assert not {pair for pair in by_rule if pair[0] == "dell"}


def test_a_model_code_is_no_organization_or_place(extractor):
    """A code is a product's name only: 'G20' tagged as an organization stays out."""
    record = _record(extractor, "Finance ministers from the G20 met in Berlin on Friday.")
    assert "G20" not in {e.label for e in record.entities}


def test_a_product_word_after_a_known_name_or_a_format_makes_no_product(invented):
    record = _record(invented, "Initech laptop sales rose, and sales of DVD players and MP3 players fell in Paris.")
    products = {e.label for e in record.entities if e.type == "Product"}
    assert not products & {"Initech", "DVD", "MP3"}
    assert "Initech" in {e.label for e in record.entities if e.type == "Company"}


def test_a_maker_named_in_a_model_name_is_not_the_product(invented):
    record = _record(invented, "Initech's new Vantor QX9 tablet went on sale.")
    assert ("initech", "makesProduct", "vantor-qx9") in _facts(record)


def test_a_sentence_naming_a_product_and_its_known_maker_states_who_makes_it(invented):
    """The knowledge base says Initech makes the Zorbel line; a sentence must still name both."""
    facts = _facts(_record(invented, "Initech said the update would make Zorbel XR safer."))
    assert ("initech", "makesProduct", "zorbel-xr") in facts
    alone = _facts(_record(invented, "Vantor said the update would make Zorbel XR safer."))
    assert not any(p == "makesProduct" for _, p, _ in alone)


@pytest.mark.parametrize(
    "text, product",
    [
        ("Many firms still run Windows 2000 on their servers.", "Windows 2000"),
        ("The SP2 upgrade for Windows XP closed many loopholes.", "Windows XP"),
        ("Shoppers struggled to find the iPod mini in the shops.", "iPod mini"),
        ("Sales of the Zorbel QT rose.", "Zorbel QT"),
    ],
)
def test_a_line_takes_a_year_a_code_or_a_lowercase_word_as_its_model(invented, text, product):
    assert product in {e.label for e in _record(invented, text).entities if e.type == "Product"}


def test_a_device_noun_or_a_place_after_a_line_is_not_its_model(invented):
    labels = {e.label for e in _record(invented, "Windows PC makers and Zorbel UK sales both grew.").entities}
    assert "Windows" in labels and not labels & {"Windows PC", "Zorbel UK"}


def test_what_a_makers_products_include_it_makes(invented):
    record = _record(invented, "Initech products include the Lumo Z7 desktop computer and the RT-208 media server.")
    assert {r.method for r in record.relations if r.object in ("lumo-z7", "rt-208")} == {"makesProduct.brands-include"}


def test_a_description_gives_no_home_against_the_countries_its_antecedent_is_named_with(invented):
    """'the Italian firm' resolved to a company named 'of the US' meant another company."""
    said = "The Italian firm said it was pleased with the result."
    assert ("initech", "headquarteredIn", "italy") in _facts(_record(invented, f"Initech agreed to pay 2bn euros on Monday. {said}"))
    facts = _facts(_record(invented, f"Initech of the US agreed to pay 2bn euros on Monday. {said}"))
    assert ("initech", "headquarteredIn", "united-states") in facts and ("initech", "headquarteredIn", "italy") not in facts


@pytest.mark.parametrize("credit", ["Vantor - ", "PARIS (Vantor) - ", "PARIS (Vantor) -- "])
def test_the_agency_credited_on_a_feed_line_is_no_party_to_the_story(invented, credit):
    facts = _facts(_record(invented, f"{credit}Linux distributor Initech said it had bought the assets."))
    assert not any("vantor" in (s, o) for s, _, o in facts)


def test_a_headline_ending_in_a_bracketed_agency_credits_it(invented):
    from graphbuild.nlp.mentions import DocEntities

    doc = invented.nlp("Initech Buys Linux Distributor Vantor (Falco)\n\nInitech said it had bought Vantor (Falco) on Monday.")
    entities = DocEntities(doc, invented.kb)
    credited = {(m.text, m.start) for m in entities.mentions if entities.credits_source(m)}
    assert credited == {("Falco", 39)}


def test_names_the_model_ran_together_with_or_or_a_repeated_word_are_two(extractor):
    record = _record(extractor, "Buyers need special software, such as HP's ProtectTools or Wave Systems' Embassy.")
    assert "ProtectTools" in {e.label for e in record.entities}
    record = _record(extractor, "The tool works with Microsoft's Outlook and Outlook Express mail programs.")
    assert {"Outlook", "Outlook Express"} <= {e.label for e in record.entities}
    record = _record(extractor, "The Securities and Exchange Commission fined the bank.")
    assert "Securities and Exchange Commission" in {e.label for e in record.entities}


@pytest.mark.parametrize(
    "text",
    [
        "The site indexes US-based programmes from Initech, Vantor and Falco.",
        "Doug Kaye, a California-based podcaster, praises the former Initech presenter.",
    ],
)
def test_a_place_glued_to_based_is_the_home_of_the_word_it_modifies_only(invented, text):
    assert not any(p == "headquarteredIn" for _, p, _ in _facts(_record(invented, text)))


def test_a_place_based_descriptor_before_a_name_gives_the_name_its_home(invented):
    facts = _facts(_record(invented, "Meanwhile, UK-based firm Initech said it had agreed a takeover."))
    assert ("initech", "headquarteredIn", "united-kingdom") in facts


@pytest.mark.parametrize("suffix", ["Inc.", "Corp", "PLC", "AG"])
def test_a_known_company_is_named_with_the_legal_suffix_written_after_it(invented, suffix):
    record = _record(invented, f"Zenith Motors agreed to buy Initech {suffix}")
    (initech,) = [e for e in record.entities if e.id == "initech"]
    assert [m.text for m in initech.mentions] == [f"Initech {suffix}"]


def test_a_known_place_ending_a_run_of_proper_nouns_leaves_the_name_whole(extractor):
    labels = {(e.label, e.type) for e in _record(extractor, '"The risks are real," said Credit Suisse First Boston analyst Ann Lee.').entities}
    assert ("Credit Suisse First Boston", "Company") in labels and not any(t == "Place" for _, t in labels)
    facts = _facts(_record(extractor, "Microsoft Japan cut prices."))
    assert ("microsoft-japan", "subsidiaryOf", "microsoft") in facts  # a run led by a known name is a unit


def test_a_known_possessor_is_cut_off_a_name_the_model_ran_over_it(extractor):
    """'Climax's Action studio': Climax is a name of its own; 'Foster's Lager' (no noun after it) stays whole."""
    record = _record(extractor, "Ann Lee, president of Climax's Action studio, said sales rose. Climax makes games.")
    assert "climax" in {e.id for e in record.entities}
    assert not any("'s" in e.label for e in record.entities)


def test_the_last_word_of_a_name_the_model_missed_is_no_description(extractor):
    """'the UK National Tremor Foundation' is a name, not 'the foundation' pointing back at the last organization."""
    text = 'Logitech sells computer mice. "We are delighted," said Karen Walsh, from the UK National Tremor Foundation.'
    assert not any(p == "employeeOf" for _, p, _ in _facts(_record(extractor, text)))


def test_a_dash_that_opens_an_aside_is_no_credit_line(invented):
    assert ("vantor", "subsidiaryOf", "initech") in _facts(_record(invented, "Initech - which owns Vantor - said sales rose."))


def test_a_name_in_camel_case_is_a_name(invented):
    """'eBay' and 'iPod' begin in lower case, as no common word of news does before a capital."""
    record = _record(invented, "\"Users can be a force for good,\" eTrion's Dana Whitlow told reporters.")
    assert ("dana-whitlow", "employeeOf", "etrion") in _facts(record)


def test_a_speaker_is_introduced_by_the_organization_they_speak_for(invented):
    """The parser often hangs 'from Initech' on 'said' rather than on the name."""
    record = _record(invented, "\"What you see is consumer-created content,\" said Dana Whitlow, from Initech.")
    assert ("dana-whitlow", "employeeOf", "initech") in _facts(record)


def test_a_modifier_of_one_listed_name_is_not_said_of_the_others(invented):
    """'in Toronto' and 'Toledo-based' describe the name they modify, not the names listed beside it."""
    facts = _facts(_record(invented, "Initech, Vantor and the Brandt Institute in Toronto have banned camera phones."))
    assert ("brandt-institute", "headquarteredIn", "toronto") in facts
    assert not {("initech", "headquarteredIn", "toronto"), ("vantor", "headquarteredIn", "toronto")} & facts
    facts = _facts(_record(invented, "A tie-up between Initech and Toledo-based Vantor would create a giant."))
    assert ("vantor", "headquarteredIn", "toledo") in facts and ("initech", "headquarteredIn", "toledo") not in facts


def test_whose_points_at_the_company_its_clause_describes(invented):
    facts = _facts(_record(invented, "Initech, whose European operations are in the red, will back away."))
    assert ("initech", "operatesIn", "europe") in facts


def test_a_descriptor_listed_after_a_name_describes_only_its_own_name(invented):
    """'European manufacturer Vantor and US firm Initech': 'firm' is listed with Vantor, but Europe is not Initech's home."""
    facts = _facts(_record(invented, "The dispute is over subsidies to European manufacturer Vantor and US firm Initech."))
    assert ("vantor", "headquarteredIn", "europe") in facts and ("initech", "headquarteredIn", "united-states") in facts
    assert ("initech", "headquarteredIn", "europe") not in facts


def test_a_bare_title_belongs_to_the_company_the_story_is_about(invented):
    story = "Initech posted record profits. Initech said demand was strong. "
    facts = _facts(_record(invented, story + "Chairman Louis Marten said the year had been great."))
    assert ("louis-marten", "chairmanOf", "initech") in facts
    facts = _facts(_record(invented, story + "Vice-chairman Louis Marten said the year had been great."))
    assert not any(p == "chairmanOf" for _, p, _ in facts)  # a vice-chairman is not the chairman
    facts = _facts(_record(invented, story + "Vantor chief executive Louis Marten said the year had been hard."))
    assert ("louis-marten", "ceoOf", "initech") not in facts  # his own company is named in his phrase


def test_an_appositive_description_is_the_name_it_describes(invented):
    """'Vantor, the Toledo-based operator with services in Ireland': the description is Vantor, not the last
    company named before it; a market it is based in is not also one it operates in."""
    text = "Initech ordered new equipment last year. Vantor, the Toledo-based operator with services in Toledo, Ireland and Germany, chose new equipment."
    facts = _facts(_record(invented, text))
    assert {("vantor", "headquarteredIn", "toledo"), ("vantor", "operatesIn", "ireland"), ("vantor", "operatesIn", "germany")} <= facts
    assert ("initech", "headquarteredIn", "toledo") not in facts and ("vantor", "operatesIn", "toledo") not in facts


def test_a_chief_executive_named_by_a_rule_leads_no_other_company_of_the_sentence(invented):
    text = "The deal with Vantor and Globex Holdings was celebrated by Initech's newly-appointed chief executive Louis Marten, who took over last month."
    facts = _facts(_record(invented, text))
    assert ("louis-marten", "ceoOf", "initech") in facts
    assert not {("louis-marten", "ceoOf", "vantor"), ("louis-marten", "ceoOf", "globex-holdings")} & facts


def test_backing_won_from_a_studio_is_no_rivalry(invented):
    facts = _facts(_record(invented, "Initech has won backing from Vantor and Globex Holdings, while Falco won customers from Initech."))
    assert not any(p == "competesWith" and o in ("vantor", "globex-holdings") for _, p, o in facts)


def test_a_passive_verb_coordinated_with_an_active_one_acts_on_their_shared_subject(invented):
    facts = _facts(_record(invented, "Initech filed for bankruptcy in 1994 and was sold to Vantor."))
    assert ("vantor", "acquired", "initech") in facts


def test_a_name_never_ends_in_a_conjunction_and_a_power_rating_is_no_name(extractor):
    record = _record(extractor, "It was followed by Halo 2 and Half-Life 2, while the dam had to generate 2kW of power.")
    labels = {e.label for e in record.entities}
    assert "Halo 2" in labels and not any(label.endswith(" and") for label in labels) and "2kW" not in labels


def test_a_unit_named_by_its_organization_is_a_subsidiary(invented):
    # 'BT Wholesale', 'Microsoft Japan': the organization's name before a unit word or a place.
    record = _record(invented, "Ann Petrova, chief executive of Vantor Wholesale, said orders rose. Initech Japan cut prices.")
    facts = _facts(record)
    assert ("vantor-wholesale", "subsidiaryOf", "vantor") in facts
    assert ("initech-japan", "subsidiaryOf", "initech") in facts
    assert ("ann-petrova", "ceoOf", "vantor-wholesale") in facts and ("ann-petrova", "ceoOf", "vantor") not in facts
    assert "Initech India Ltd" in {e.label for e in _record(invented, "Zenith Motors will buy Initech India Ltd, the group said.").entities}


def test_a_place_modifying_a_noun_after_an_organization_is_no_unit(invented):
    record = _record(invented, "The deal lets Initech UK customers pay less.")
    assert "initech-uk" not in {e.id for e in record.entities}
    assert not any(r.predicate == "subsidiaryOf" for r in record.relations)


def test_a_surname_the_model_tags_as_a_date_stays_in_the_name(extractor):
    record = _record(extractor, "Sergio Marchionne has replaced Herbert Demel as chief executive of the firm.")
    assert "Sergio Marchionne" in {e.label for e in record.entities if e.type == "Person"}
    assert _record(extractor, "The shop opened in March.").entities == ()


def test_a_lone_word_tagged_as_a_person_is_a_brand_unless_named_as_a_person(extractor):
    # The model tags 'Canon', 'Sophos' and 'Sasser' as people; news introduces a person in full or by a title.
    filler = " Shares rose on Monday. Analysts were pleased. Sales grew in the summer."
    article = "Security firm Sophos said the Sasser worm spread fast. Reviewers praised Canon's new compact camera." + filler
    types = {e.label: e.type for e in _record(extractor, article).entities}
    assert types.get("Sophos") == "Company" and types.get("Canon") == "Company" and types.get("Sasser") == "Product"
    assert {e.label: e.type for e in _record(extractor, "Mr Irish said demand was huge." + filler).entities}.get("Irish") == "Person"
    assert {e.label: e.type for e in _record(extractor, "Jane Irish said demand was huge. Irish expects shortages." + filler).entities}.get("Jane Irish") == "Person"
    # A sentence lifted from an article may name someone its source introduced.
    lifted = _record(extractor, "Jackson stepped down as chairman of Vantor Corp. in 2008.")
    assert {e.label: e.type for e in lifted.entities}.get("Jackson") == "Person"


def test_a_stake_named_through_in_which_and_only_a_minority_one_is_an_investment(invented):
    assert ("petrie", "investsIn", "hanlon") in _facts(_record(invented, "Hanlon, in which Petrie owns a 44% stake, reported a profit."))
    assert not any(r.predicate == "investsIn" for r in _record(invented, "Hanlon, in which Petrie owns a majority stake, reported a profit.").relations)


def test_the_likes_of_introduces_names(invented):
    assert ("orbis", "competesWith", "vantor") in _facts(_record(invented, "Orbis, facing competition from the likes of Vantor, tried to merge."))


def test_the_two_companies_are_the_last_two_named(invented):
    assert ("falco", "partnersWith", "zenith-motors") in _facts(_record(invented, "Zenith Motors and Falco said on Tuesday that the two companies have signed a patent agreement."))
    # Without 'the', 'two firms' are new ones.
    record = _record(invented, "Zenith Motors and Falco met. Two firms have signed a patent agreement.")
    assert not any(r.predicate == "partnersWith" for r in record.relations)


def test_the_head_of_an_organization_is_its_chief_executive_but_not_a_head_of_department(invented):
    facts = _facts(_record(invented, "Fred Hasson, head of Vantor, said more firms would close. Tom Lee, head of research at Initech, disagreed."))
    assert ("fred-hasson", "ceoOf", "vantor") in facts
    assert ("tom-lee", "ceoOf", "initech") not in facts and ("tom-lee", "employeeOf", "initech") in facts


def test_a_title_in_an_organizations_unit_is_a_post_at_the_organization(invented):
    facts = _facts(_record(invented, "Hackers changed, said Kevin Hogan, senior manager in Vantor's security response group."))
    assert ("kevin-hogan", "employeeOf", "vantor") in facts


def test_a_lowercase_word_modifying_what_follows_a_name_is_no_part_of_it(extractor):
    names = {e.label for e in _record(extractor, '"Prices are flat," RICS housing spokesman Ian Perry said. UK government officials agreed.').entities}
    assert "RICS" in names and "RICS housing" not in names
    assert "UK government" in names


def test_a_vice_president_is_on_the_staff_though_no_deputy_holds_the_office(invented):
    facts = _facts(_record(invented, '"Search matters," said Urs Holzle, Vantor vice-president of operations. Vantor vice-chairman Tom Lee agreed.'))
    assert ("urs-holzle", "employeeOf", "vantor") in facts
    assert ("tom-lee", "chairmanOf", "vantor") not in facts


def test_they_in_a_clause_reported_by_listed_organizations_is_all_of_them(invented):
    facts = _facts(_record(invented, "Zenith Motors and Falco said they would sue Vantor over the patent."))
    assert {("zenith-motors", "sues", "vantor"), ("falco", "sues", "vantor")} <= facts


def test_a_sentence_gives_an_asymmetric_fact_in_one_direction_only(extractor):
    record = _record(extractor, "On Monday, MCI agreed to a buyout by Verizon Communications in a deal valued at $6.75bn.")
    pairs = [(r.subject, r.object) for r in record.relations if r.predicate == "acquired"]
    assert not any((o, s) in pairs for s, o in pairs), pairs


def test_backing_a_technology_is_no_investment(invented):
    assert not any(r.predicate == "investsIn" for r in _record(invented, "Hanlon backs Vantor DVD technology.").relations)
    assert ("petrie", "investsIn", "hanlon") in _facts(_record(invented, "Petrie backed Hanlon in 1999."))


@pytest.mark.parametrize(
    "text",
    [
        "Hanlon dropped Petrie under pressure from US lawmakers.",
        "Hanlon cut ties with Petrie due to the pressure of US lawmakers.",
        "Petrie was banned by Hanlon at the request of the Federal Communications Commission.",
    ],
)
def test_whoever_pressed_for_a_ban_bans_too(invented, text):
    facts = {(s, o) for s, p, o in _facts(_record(invented, text)) if p == "bannedBy"}
    assert ("petrie", "hanlon") in facts
    assert len(facts) == 2 and all(s == "petrie" for s, _ in facts)


def test_pressure_on_a_deed_that_is_no_ban_bans_nothing(invented):
    record = _record(invented, "Hanlon launched Petrie under pressure from US lawmakers.")
    assert not [f for f in _facts(record) if f[1] == "bannedBy"]


def test_a_name_after_a_title_and_at_is_the_employer_though_the_model_missed_it(extractor):
    record = _record(extractor, '"Attacks remain unabated," said Mark Sunner, chief technology officer at MessageLabs.')
    assert ("Mark Sunner", "employeeOf", "MessageLabs") in _named_facts(record)


def test_the_one_asked_to_act_is_the_actor(invented):
    record = _record(invented, "Hanlon asked Zenith Motors to buy Vela.")
    assert ("zenith-motors", "acquired", "vela") in _facts(record)
    assert ("hanlon", "acquired", "vela") not in _facts(record)


def test_a_promise_to_act_is_the_subjects_act(invented):
    record = _record(invented, "Hanlon promised investors to buy Vela.")
    assert ("hanlon", "acquired", "vela") in _facts(record)


@pytest.mark.parametrize(
    "text",
    ["Hanlon could have bought Vela in 2003.", "Hanlon dissolved an alliance which could have obliged Zenith Motors to buy Vela."],
)
def test_what_could_have_happened_is_no_fact(invented, text):
    assert not {f for f in _facts(_record(invented, text)) if f[1] == "acquired"}


def test_a_description_holds_in_a_counterfactual_clause(extractor):
    record = _record(extractor, "Fiat ended an alliance which could have obliged GM to buy the Italian firm outright.")
    assert ("Fiat", "headquarteredIn", "Italy") in _named_facts(record)


@pytest.mark.parametrize("text", ["Hanlon is considering selling the firm Vela.", "Hanlon sold its PC division to Vela.", "Hanlon seized and sold Petrie to Vela."])
def test_selling_a_business_is_no_supply(invented, text):
    """In business news 'sold X to Y' is most often a sale of a business, so selling is not read as supplying."""
    assert not {f for f in _facts(_record(invented, text)) if f[1] == "suppliesTo"}


def test_a_passive_verb_does_not_take_the_subject_of_an_active_one_beside_it(extractor):
    facts = _named_facts(_record(extractor, "Commodore International filed for bankruptcy in 1994 and was sold to Dutch firm Tulip Computers."))
    assert ("Tulip Computers", "acquired", "Commodore International") in facts
    assert not {f for f in facts if f[1] == "suppliesTo"}


def test_a_place_before_a_named_firm_only_describes_it(extractor):
    facts = _named_facts(_record(extractor, "Exel has been active in the sector, paying £328m to buy fellow UK firm Tibbett & Britten."))
    assert {f for f in facts if f[1] == "acquired"} == {("Exel", "acquired", "Tibbett & Britten")}


def test_sales_in_a_place_are_the_story_organizations_but_a_product_on_sale_is_not(invented):
    story = "Zenith Motors reported higher profits on Monday. Zenith Motors will open a plant. "
    assert ("zenith-motors", "operatesIn", "brazil") in _facts(_record(invented, story + "Growth came from strong sales in Brazil."))
    assert not {f for f in _facts(_record(invented, story + "The Vela phone went on sale in Brazil last week.")) if f[1] == "operatesIn"}
    assert ("zenith-motors", "operatesIn", "brazil") not in _facts(_record(invented, story + "Growth came from sales of Petrie beer in Brazil."))


def test_a_name_ending_in_a_product_noun_is_no_person(extractor):
    record = _record(extractor, "Star of the show will be Sony's Qrio Robot, an all-singing, all-dancing man-machine.")
    assert {e.label: e.type for e in record.entities}.get("Qrio Robot") == "Product"
    assert ("Sony", "makesProduct", "Qrio Robot") in _named_facts(record)


def test_a_place_describing_a_person_is_not_them_but_one_describing_a_market_is(invented):
    assert not {f for f in _facts(_record(invented, "A US woman is suing Hanlon over its printer cartridges.")) if f[1] == "sues"}
    assert ("hanlon", "operatesIn", "united-states") in _facts(_record(invented, "Hanlon entered the US market in May."))


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Petrie owns 40% of Hanlon.", ("petrie", "investsIn", "hanlon")),
        ("Petrie controls 48 per cent of Hanlon.", ("petrie", "investsIn", "hanlon")),
        ("Vantor is to buy 37.5 percent of Initech in a deal worth $100m.", ("vantor", "investsIn", "initech")),
        ("Vantor acquired 67.7% of Initech last year.", ("vantor", "acquired", "initech")),
        ("Petrie owns 56% of Hanlon.", ("hanlon", "subsidiaryOf", "petrie")),
        ("Petrie owns a 56% stake in Hanlon.", ("hanlon", "subsidiaryOf", "petrie")),
        ("Hanlon, in which Petrie owns a majority stake, could be floated.", ("hanlon", "subsidiaryOf", "petrie")),
    ],
)
def test_a_stated_share_is_an_investment_below_half_and_control_from_half(invented, text, fact):
    facts = _facts(_record(invented, text))
    assert fact in facts, facts
    # A minority share is never control, nor a majority an investment.
    wrong = "investsIn" if fact[1] != "investsIn" else "subsidiaryOf"
    assert not {f for f in facts if f[1] == wrong}, facts


def test_a_share_of_something_else_is_no_stake(invented):
    assert not _facts(_record(invented, "Hanlon cut 10% of its staff and sold 20% of its output to retailers."))


def test_a_family_is_one_owner_and_no_antecedent_of_it(extractor):
    record = _record(extractor, "The Agnelli family controls 30% of Fiat. The group, which is worth $17bn, was founded in 1899.")
    assert {e.label: e.type for e in record.entities}.get("Agnelli family") == "Organization"
    facts = _named_facts(record)
    assert ("Agnelli family", "investsIn", "Fiat") in facts
    assert not {f for f in facts if f[0] == "Agnelli family" and f[1] != "investsIn"}, facts  # 'the group' is Fiat


def test_two_names_of_one_kind_the_model_cut_apart_are_one_name(extractor):
    record = _record(extractor, "Suez owns 40% of Aguas Argentinas, while Spain's Aguas de Barcelona is its second biggest shareholder.")
    assert "Aguas Argentinas" in {e.label for e in record.entities}
    assert ("Suez", "investsIn", "Aguas Argentinas") in _named_facts(record)


def test_organizations_named_together_as_makers_of_one_thing_are_partners_unless_apart(invented):
    partners = {frozenset((s, o)) for s, p, o in _facts(_record(invented, "Petrie and Hanlon have developed a new image sensor.")) if p == "partnersWith"}
    assert partners == {frozenset(("petrie", "hanlon"))}
    for text in (
        "Petrie and Hanlon have both built humanoid robots.",
        "Phones produced by Petrie, Hanlon and Vantor are unaffected by the virus.",
        "If we fail, we will never develop our own products.",
    ):
        assert not {f for f in _facts(_record(invented, text)) if f[1] == "partnersWith"}, text


def test_a_service_firm_named_by_its_client_supplies_it(invented):
    assert ("hanlon", "suppliesTo", "petrie") in _facts(_record(invented, "Petrie adviser Hanlon was also the subject of a complaint."))


@pytest.mark.parametrize(
    "text",
    [
        "Petrie is also seeking $20bn in a separate lawsuit against Hanlon.",
        "Petrie launched a legal challenge against Hanlon on Friday.",
    ],
)
def test_legal_action_named_by_a_noun_is_a_suit(invented, text):
    assert ("petrie", "sues", "hanlon") in _facts(_record(invented, text))


def test_a_legal_battle_says_nothing_of_who_brought_it(invented):
    assert not {f for f in _facts(_record(invented, "Petrie was fighting several legal battles, most notably against Hanlon.")) if f[1] == "sues"}
