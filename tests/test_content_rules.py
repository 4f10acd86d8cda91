"""GA001 and IM001 judge content, not length (contract version 2).

A gender analysis states how women and men are represented in the target group or among
referrals (or why that is unknown), what the project will do about differences, and how it
follows up by gender. An implementation plan says who takes over what, from when, and who
decides. Each element is recognised by cues, per language, that are policy data
(``policies/standard.toml``, dated): an association tunes them in its own policy file.

Boilerplate fails however long it is; a short concrete text passes; the template of
``finsam new`` never passes until it is replaced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from finsam_rules.loading import load_document
from finsam_rules.model import ApplicationKind
from finsam_rules.rules import FindingStatus, Severity
from finsam_rules.templates import template
from finsam_standard import content

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
MPHLA_APPLICATIONS = sorted((ROOT / "examples" / "mphla-2016" / "applications").glob("*.toml"))


def only(evaluation, code):
    """The findings of one rule."""
    return [f for f in evaluation.findings if f.code == code]


def one(evaluation, code):
    """The single finding of one rule."""
    found = only(evaluation, code)
    assert len(found) == 1, [(f.code, f.key) for f in evaluation.findings]
    return found[0]


def word_count(text: str) -> int:
    return len(text.split())


# -- texts ------------------------------------------------------------------------------------

#: 23 words: the skew, what is done about it, how it is followed up.
CONCRETE_ANALYSIS_SV = (
    "Sju av tio remitterade är kvinnor. Vi informerar Arbetsförmedlingen särskilt om "
    "målgruppens män och följer upp fördelningen per kön i SUS varje tertial."
)
CONCRETE_ANALYSIS_EN = (
    "Seven in ten referrals are women. We inform the Employment Service about men in the "
    "target group and monitor referrals and outcomes by gender in SUS each tertial."
)
#: 51 words that say nothing about this project's women and men.
BOILERPLATE_ANALYSIS_SV = (
    "Projektet är öppet för alla oavsett kön, ålder och bakgrund. Alla deltagare ska bemötas "
    "med respekt och få samma stöd. Vi arbetar utifrån förbundets värdegrund och "
    "jämställdhetspolicy, och personalen har god kunskap om jämställdhet och likabehandling. "
    "Jämställdhet är en självklar del av allt vi gör i projektet och genomsyrar hela "
    "verksamheten."
)
BOILERPLATE_ANALYSIS_EN = (
    "The project is open to everyone regardless of gender, age or background. All participants "
    "will be treated equally and with respect, and we offer the same support to women and men. "
    "Gender equality is a core value for the project and for our staff, and it runs through "
    "everything we do in line with the association's policy."
)
#: 22 words: who takes over what, from when, who decides.
CONCRETE_PLAN_SV = (
    "Lerums kommun tar över de två coacherna och deras arbetssätt i ordinarie budget från "
    "2019-01-01; arbetsmarknadsnämnden beslutar om det i oktober 2018."
)
CONCRETE_PLAN_EN = (
    "Lerum municipality takes over the two coaches and their method in its ordinary budget "
    "from 1 January 2019; the labour market committee decides in October 2018."
)
BOILERPLATE_PLAN_SV = (
    "Målet är att arbetssättet ska implementeras i ordinarie verksamhet efter projekttiden. "
    "Erfarenheterna från projektet ska tas till vara och spridas till alla parter, och vi "
    "kommer att arbeta aktivt för att de goda resultaten ska leva vidare i organisationerna "
    "även när projektet är avslutat."
)
BOILERPLATE_PLAN_EN = (
    "The aim is that the working method will be implemented in ordinary operations after the "
    "project. The experience gained will be shared with all partners, and we will work "
    "actively to make sure that the good results live on in the organisations even after the "
    "project has ended."
)


class TestTheTextsAreWhatTheSpecificationSays:
    """The test texts are as long as the brief says: short concrete, long boilerplate."""

    @pytest.mark.parametrize(
        "text", [CONCRETE_ANALYSIS_SV, CONCRETE_ANALYSIS_EN, CONCRETE_PLAN_SV, CONCRETE_PLAN_EN]
    )
    def test_concrete_texts_are_short(self, text):
        assert 16 <= word_count(text) <= 28

    @pytest.mark.parametrize(
        "text", [BOILERPLATE_ANALYSIS_SV, BOILERPLATE_ANALYSIS_EN, BOILERPLATE_PLAN_SV, BOILERPLATE_PLAN_EN]
    )
    def test_boilerplate_is_long(self, text):
        assert word_count(text) >= 40


# -- GA001 ------------------------------------------------------------------------------------


class TestGA001GenderAnalysis:
    """A gender analysis has three elements: representation, action, follow-up by gender."""

    def analysis(self, base, text):
        return attrs.evolve(base, gender_analysis=text)

    def test_the_base_application_passes(self, base_application, evaluate):
        """The individual cooperation team's analysis names all three elements."""
        assert only(evaluate(base_application), "GA001") == []

    @pytest.mark.parametrize("text", [CONCRETE_ANALYSIS_SV, CONCRETE_ANALYSIS_EN])
    def test_a_short_concrete_analysis_passes(self, base_application, evaluate, text):
        """23 (28) words: seven in ten are women; inform about the men; follow up in SUS."""
        assert only(evaluate(self.analysis(base_application, text)), "GA001") == []

    def test_long_swedish_boilerplate_fails_on_every_element(self, base_application, evaluate):
        """51 words of "öppet för alla oavsett kön" and values: none of the three elements."""
        finding = one(evaluate(self.analysis(base_application, BOILERPLATE_ANALYSIS_SV)), "GA001")
        assert finding.severity is Severity.ERROR
        assert finding.figures["missing"] == ["representation", "action", "follow_up"]
        assert finding.figures["words"] == 51
        assert finding.figures["language"] == "sv"
        assert finding.message("sv") == (
            "Jämställdhetsanalysen (51 ord) anger inte hur kvinnor och män är representerade i "
            "målgruppen eller bland de remitterade (eller varför det inte är känt), vad "
            "projektet gör åt skillnaderna och hur projektet följer upp per kön."
        )
        assert finding.message("en") == (
            "The gender analysis (51 words) does not state how women and men are represented "
            "in the target group or among referrals (or why that is unknown), what the project "
            "will do about the differences and how the project follows up by gender."
        )

    def test_long_english_boilerplate_fails(self, base_application, evaluate):
        """ "Open to everyone regardless of gender ... the same support to women and men"."""
        finding = one(evaluate(self.analysis(base_application, BOILERPLATE_ANALYSIS_EN)), "GA001")
        assert finding.figures["language"] == "en"
        assert finding.figures["missing"] == ["representation", "action", "follow_up"]

    def test_the_seven_word_sentence_of_the_screening_example(self, base_application, evaluate):
        """ "Projektet är öppet för alla oavsett kön." is boilerplate, not an analysis."""
        app = self.analysis(base_application, "Projektet är öppet för alla oavsett kön.")
        assert one(evaluate(app), "GA001").figures["words"] == 7

    def test_the_finding_names_only_what_is_missing(self, base_application, evaluate):
        """Representation and follow-up without a word on what is done about the skew."""
        text = (
            "Under 2015 var 53 av 63 deltagare kvinnor. Fördelningen mellan kvinnor och män "
            "redovisas till styrgruppen varje tertial."
        )
        finding = one(evaluate(self.analysis(base_application, text)), "GA001")
        assert finding.figures["missing"] == ["action"]
        assert finding.figures["present"] == ["representation", "follow_up"]
        assert finding.message("sv").endswith("anger inte vad projektet gör åt skillnaderna.")
        assert finding.message("en").endswith(
            "does not state what the project will do about the differences."
        )
        # The parameters as used: the cues of the missing element, in the text's language.
        assert list(finding.params) == ["action_sv"]

    def test_why_the_split_is_unknown_counts_as_representation(self, base_application, evaluate):
        """When nobody knows the split yet, saying why is the first element."""
        text = (
            "Vi vet ännu inte hur fördelningen mellan kvinnor och män ser ut bland de "
            "remitterade, eftersom kön inte registreras i remisserna. Från start redovisas "
            "remisser och utfall per kön varje tertial, och styrgruppen åtgärdar en sned "
            "fördelning."
        )
        assert only(evaluate(self.analysis(base_application, text)), "GA001") == []

    def test_a_missing_analysis(self, base_application, evaluate):
        finding = one(evaluate(self.analysis(base_application, "")), "GA001")
        assert finding.severity is Severity.ERROR
        assert finding.message("sv").startswith(
            "Jämställdhetsanalys saknas (gender_analysis). Den ska ange hur"
        )
        assert finding.message("en").startswith("The gender analysis is missing (gender_analysis).")
        assert finding.params == {}

    def test_the_template_never_passes(self, base_application, evaluate):
        """The instruction of ``finsam new application`` names every element, and still fails."""
        text = template("application")["gender_analysis"]
        finding = one(evaluate(self.analysis(base_application, text)), "GA001")
        assert finding.figures["missing"] == ["representation", "action", "follow_up"]
        assert "mallens instruktion, inte projektets analys" in finding.message("sv")
        assert "the template's instruction, not the project's analysis" in finding.message("en")

    @pytest.mark.parametrize("path", MPHLA_APPLICATIONS, ids=lambda p: p.stem)
    def test_the_real_associations_analyses_pass(self, path, evaluate):
        """Every MPHLA 2016 application states all three elements."""
        assert only(evaluate(load_document(path)), "GA001") == []


class TestGA001CuesArePolicyData:
    """An association tunes the cues in its policy file, dated like any parameter."""

    STRICT = (
        "[rules.GA001.params]\n"
        "representation_sv = [{ valid_from = 2016-06-01, value = ['(kvinn|män) & \\d'], "
        'source = "VP 2016: andelar i siffror" }]\n'
    )
    TEXT = (
        "Kvinnor remitteras oftare än män. Projektet informerar därför vårdcentralerna om "
        "männen i målgruppen och följer upp fördelningen per kön i SUS."
    )

    def test_a_stricter_cue_applies_from_its_date(self, base_application, evaluate, policy_engine):
        """From 2016-06-01 the association wants the skew in figures; before, words do."""
        engine = policy_engine(self.STRICT)
        before = attrs.evolve(base_application, gender_analysis=self.TEXT, submitted=D(2016, 5, 31))
        after = attrs.evolve(before, submitted=D(2016, 6, 1))
        assert only(evaluate(before, engine=engine), "GA001") == []
        finding = one(evaluate(after, engine=engine), "GA001")
        assert finding.figures["missing"] == ["representation"]
        assert finding.params == {"representation_sv": ["(kvinn|män) & \\d"]}
        assert finding.param_sources["representation_sv"] == "VP 2016: andelar i siffror"

    def test_an_element_without_cues_is_not_asked_for(self, base_application, evaluate, policy_engine):
        """An empty list drops the element for that language."""
        engine = policy_engine("[rules.GA001.params]\naction_sv = []\n")
        text = "Under 2015 var 53 av 63 deltagare kvinnor. Fördelningen per kön redovisas varje tertial."
        app = attrs.evolve(base_application, gender_analysis=text)
        assert only(evaluate(app, engine=engine), "GA001") == []

    def test_a_broken_pattern_makes_the_rule_not_evaluated(self, base_application, evaluate, policy_engine):
        engine = policy_engine("[rules.GA001.params]\nfollow_up_sv = ['(kön']\n")
        finding = one(evaluate(base_application, engine=engine), "GA001")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert "mönstret '(kön' i parametern follow_up_sv är inget giltigt reguljärt uttryck" in (
            finding.message("sv")
        )
        assert "the pattern '(kön' of parameter follow_up_sv is not a valid regular expression" in (
            finding.message("en")
        )


class TestTheLanguageOfATextDecidesItsCues:
    """Swedish "men" means "but": English cues are never applied to a Swedish text."""

    def test_swedish(self):
        assert content.language("Projektet är öppet för alla, men fler kommer i arbete.") == "sv"

    def test_english(self):
        assert content.language(CONCRETE_ANALYSIS_EN) == "en"

    def test_swedish_but_is_not_english_men(self, base_application, evaluate):
        """ "men fler" (but more) names neither women nor men."""
        text = (
            "Projektet är öppet för alla, men fler behöver nås. Vi följer förbundets "
            "jämställdhetspolicy och arbetar för att alla ska få ett gott bemötande."
        )
        finding = one(evaluate(attrs.evolve(base_application, gender_analysis=text)), "GA001")
        assert "representation" in finding.figures["missing"]


# -- IM001 ------------------------------------------------------------------------------------


class TestIM001ImplementationPlan:
    """An implementation plan says who takes over what, from when, and who decides."""

    def plan(self, base, text, **changes):
        return attrs.evolve(base, implementation_plan=text, **changes)

    def test_the_base_application_passes(self, base_application, evaluate):
        assert only(evaluate(base_application), "IM001") == []

    @pytest.mark.parametrize("text", [CONCRETE_PLAN_SV, CONCRETE_PLAN_EN])
    def test_a_short_concrete_plan_passes(self, base_application, evaluate, text):
        assert only(evaluate(self.plan(base_application, text)), "IM001") == []

    def test_fourteen_words_are_enough(self, base_application, evaluate):
        """The hostile test's 14-word plan names who, what, when and who decides."""
        text = (
            "Mölndals stad tar över tjänsterna i ordinarie verksamhet från hösten 2018 enligt "
            "styrgruppens beslut."
        )
        assert only(evaluate(self.plan(base_application, text)), "IM001") == []

    @pytest.mark.parametrize("text", [BOILERPLATE_PLAN_SV, BOILERPLATE_PLAN_EN])
    def test_long_boilerplate_fails(self, base_application, evaluate, text):
        """Hopes that the method "will be implemented in ordinary operations" name nobody."""
        finding = one(evaluate(self.plan(base_application, text)), "IM001")
        assert finding.severity is Severity.ERROR
        assert {"takeover", "decision"} <= set(finding.figures["missing"])

    def test_we_will_return_to_this_is_not_a_plan(self, base_application, evaluate):
        finding = one(evaluate(self.plan(base_application, "Vi återkommer.")), "IM001")
        assert finding.figures["missing"] == ["takeover", "start", "decision"]
        assert finding.message("sv") == (
            "Implementeringsplanen (2 ord) anger inte vem som tar över vad, från när och vem som beslutar."
        )
        assert finding.message("en") == (
            "The implementation plan (2 words) does not state who takes over what, from when and who decides."
        )

    def test_a_plan_without_a_decision_names_what_is_missing(self, base_application, evaluate):
        text = (
            "Arbetsförmedlingens arbetsgivarservice och kommunernas arbetsmarknadsenheter tar "
            "över nätverket av mentorer och arbetsgivare från 2018."
        )
        finding = one(evaluate(self.plan(base_application, text)), "IM001")
        assert finding.figures["missing"] == ["decision"]
        assert finding.message("sv").endswith("anger inte vem som beslutar.")
        assert finding.message("en").endswith("does not state who decides.")

    def test_the_template_never_passes(self, base_application, evaluate):
        text = template("application")["implementation_plan"]
        finding = one(evaluate(self.plan(base_application, text)), "IM001")
        assert "mallens instruktion, inte projektets plan" in finding.message("sv")
        assert finding.figures["missing"] == ["takeover", "start", "decision"]

    def test_structural_work_needs_a_plan_too(self, base_application, evaluate):
        app = self.plan(base_application, "", kind=ApplicationKind.STRUCTURAL)
        finding = one(evaluate(app), "IM001")
        assert finding.message("sv").startswith("Implementeringsplan saknas (implementation_plan).")

    def test_a_pre_study_needs_no_plan(self, base_application, evaluate):
        """A förstudie ends in a report, not in ordinary operations."""
        app = self.plan(base_application, "", kind=ApplicationKind.PRE_STUDY)
        assert only(evaluate(app), "IM001") == []

    @pytest.mark.parametrize("path", MPHLA_APPLICATIONS, ids=lambda p: p.stem)
    def test_the_real_associations_plans_pass(self, path, evaluate):
        assert only(evaluate(load_document(path)), "IM001") == []

    def test_an_association_can_ask_for_a_date(self, base_application, evaluate, policy_engine):
        """A plan's "from when" as a date or a year, if the association's policy says so."""
        engine = policy_engine("[rules.IM001.params]\nstart_sv = ['\\b20\\d\\d\\b']\n")
        text = (
            "Kommunen tar över coachtjänsterna i ordinarie verksamhet när finansieringen "
            "upphör; beslut fattas av socialnämnden senast ett halvår före projektets slut."
        )
        assert only(evaluate(self.plan(base_application, text)), "IM001") == []
        finding = one(evaluate(self.plan(base_application, text), engine=engine), "IM001")
        assert finding.figures["missing"] == ["start"]
