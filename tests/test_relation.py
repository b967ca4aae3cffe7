"""The relation step on small texts with the real English model: positive and negative cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from spacecoop.schema import Record

from .conftest import identities

Extract = Callable[..., list[Record]]
ESA_JAXA = frozenset({"ESA", "JAXA"})


def test_two_agencies_reference(extract: Extract) -> None:
    records = extract(
        "ESA and JAXA officials met in Tokyo on Monday. The two agencies signed an agreement on lunar exploration."
    )
    assert identities(records) == {(ESA_JAXA, None)}
    assert records[0].status == "signed"
    assert "ref.two_agencies" in records[0].rules


def test_both_agencies_reference_without_names_in_sentence(extract: Extract) -> None:
    records = extract(
        "JAXA and ESA met on Monday in Paris. Both agencies pledged to deepen their partnership."
    )
    assert identities(records) == {(ESA_JAXA, None)}


def test_three_partners_in_a_list(extract: Extract) -> None:
    records = extract("NASA, ESA and CSA will jointly build the telescope.")
    assert identities(records) == {(frozenset({"NASA", "ESA", "CSA"}), None)}
    assert records[0].status == "planned"


def test_one_record_per_mission(extract: Extract) -> None:
    records = extract("ESA and JAXA cooperate on joint missions such as BepiColombo and EarthCARE.")
    assert identities(records) == {(ESA_JAXA, "BepiColombo"), (ESA_JAXA, "EarthCARE")}
    assert {r.status for r in records} == {"active"}


def test_negation_blocks(extract: Extract) -> None:
    assert extract("NASA did not sign an agreement with Roscosmos on the station.") == []


def test_competition_blocks(extract: Extract) -> None:
    assert extract("NASA and CNSA compete for partners in the race to the moon.") == []


def test_merely_named_together_is_not_cooperation(extract: Extract) -> None:
    assert extract("NASA's and ESA's budgets both grew last year.") == []


def test_single_partner_is_not_a_record(extract: Extract) -> None:
    assert extract("ESA signed a contract for the RAMSES mission.") == []


def test_terminated(extract: Extract) -> None:
    records = extract(
        "ESA suspended its cooperation with Roscosmos on the ExoMars rover in March 2022."
    )
    assert records and all(r.status == "terminated" for r in records)
    assert {frozenset(p.id for p in r.partners) for r in records} == {
        frozenset({"ESA", "Roscosmos"})
    }


def test_proposed_outranks_future_tense_of_discussion(extract: Extract) -> None:
    records = extract("NASA and JAXA will discuss potential cooperation on the Gateway station.")
    assert records and {r.status for r in records} == {"proposed"}


def test_discussing_is_proposed(extract: Extract) -> None:
    records = extract(
        "The two agencies are discussing potential collaborative landers.", published=None
    )
    assert records == []  # nobody to refer back to
    records = extract(
        "ESA and JAXA met. The two agencies are also discussing potential collaborative landers."
    )
    assert [r.status for r in records] == ["proposed"]


def test_signed_with_relative_date(extract: Extract) -> None:
    text = "JAXA President Hiroshi Yamakawa and ESA Director General Josef Aschbacher signed a joint statement Nov. 20 in Tsukuba, Japan."
    records = extract(text, published="2024-11-22")
    assert identities(records) == {(ESA_JAXA, None)}
    assert records[0].status == "signed" and records[0].date == "2024-11-20"
    assert records[0].evidence[0].text == text


def test_date_of_another_event_is_not_the_cooperation_date(extract: Extract) -> None:
    records = extract(
        "ESA and JAXA are studying potential cooperation on ESA's RAMSES mission, which will reach the asteroid Apophis in 2029."
    )
    assert identities(records) == {(ESA_JAXA, "RAMSES")}
    assert records[0].date is None and records[0].status == "proposed"


def test_country_stands_for_its_agency(extract: Extract) -> None:
    records = extract(
        "Japan will return to the moon with the LUPEX lander in partnership with ISRO."
    )
    assert identities(records) == {(frozenset({"JAXA", "ISRO"}), "LUPEX")}
    assert records[0].status == "planned"


def test_governments_sign_accords(extract: Extract) -> None:
    records = extract(
        "Rwanda and Nigeria signed the Artemis Accords with the United States on Dec. 13.",
        published="2023-12-15",
    )
    # each signatory pairs with the United States (docs/annotation.md, Artemis Accords)
    assert identities(records) == {(frozenset({"RW", "US"}), None), (frozenset({"NG", "US"}), None)}
    assert {r.date for r in records} == {"2023-12-13"}
    assert all(p.kind == "government" for r in records for p in r.partners)
    assert all("frame.artemis_accords" in r.rules for r in records)


def test_agency_signing_for_its_government(extract: Extract) -> None:
    text = (
        "The chief executive of the Rwanda Space Agency signed the agreement on behalf of Rwanda."
    )
    assert extract(text) == []


def test_part_of_an_organisation_is_not_a_partner(extract: Extract) -> None:
    records = extract(
        "NASA's Jet Propulsion Laboratory built the spacecraft in partnership with NASA and CNES."
    )
    assert identities(records) == {(frozenset({"NASA", "CNES"}), None)}


def test_instrument_attaches_to_the_host_mission(extract: Extract) -> None:
    records = extract(
        "ESA's JUICE spacecraft launched in April. NASA contributed the UVS instrument to the ESA mission."
    )
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "JUICE")}
    assert "ref.mission" in records[0].rules


def test_the_agency_refers_back(extract: Extract) -> None:
    records = extract(
        "NASA released its budget request on Monday. The agency awarded SpaceX a contract for the lander."
    )
    assert identities(records) == {(frozenset({"NASA", "SpaceX"}), None)}
    assert records[0].status == "signed"


def test_byline_heading_and_bio_yield_nothing(extract: Extract) -> None:
    text = (
        "By Jane Doe\n\nNASA and ESA partnership news\n\nThe weather was fine on Tuesday.\n\n"
        "Jane Doe covers NASA and ESA cooperation for SpaceNews. She has written for National Geographic."
    )
    assert extract(text) == []


def test_local_cue_attaches_the_nearest_mission(extract: Extract) -> None:
    records = extract(
        "JAXA built on achievements including the SLIM landing, the Astroscale ADRAS-J mission supported by the agency, and EarthCARE."
    )
    assert identities(records) == {(frozenset({"Astroscale", "JAXA"}), "ADRAS-J")}


def test_future_signing_is_planned(extract: Extract) -> None:
    records = extract("ESA and NASA will sign an agreement on the Gateway station next week.")
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "Gateway")}
    assert records[0].status == "planned"


def test_one_party_selecting_several_gives_bilateral_records(extract: Extract) -> None:
    records = extract(
        "NASA selected Intuitive Machines, Astrobotic and Draper for lunar deliveries on Monday."
    )
    assert identities(records) == {
        (frozenset({"NASA", "Intuitive Machines"}), None),
        (frozenset({"NASA", "Astrobotic"}), None),
        (frozenset({"NASA", "Draper"}), None),
    }
    assert all("hub.bilateral" in r.rules for r in records)


def test_joint_mission_takes_its_launch_date_from_another_sentence(extract: Extract) -> None:
    text = (
        "The EarthCARE satellite lifted off on 28 May on a Falcon 9 rocket. "
        "EarthCARE is a joint mission of ESA and JAXA."
    )
    records = extract(text, published="2024-05-29")
    assert identities(records) == {(ESA_JAXA, "EarthCARE")}
    assert records[0].date == "2024-05-28" and "date.launch" in records[0].rules
    assert records[0].status == "active"  # "May" the month is not the modal "may"


def test_missions_launched_together_each_take_the_launch_date(extract: Extract) -> None:
    text = (
        "The Herschel and Planck observatories lifted off together on 14 May on an Ariane 5. "
        "Herschel is a joint mission of ESA and NASA. Planck was built by ESA with CNES."
    )
    records = extract(text, published="2009-05-15")
    dated = {(r.mission.id if r.mission else None, r.date) for r in records}
    assert ("Herschel", "2009-05-14") in dated and ("Planck", "2009-05-14") in dated


def test_a_station_beside_a_launched_mission_is_where_it_goes(extract: Extract) -> None:
    text = (
        "A Falcon 9 launched a Dragon capsule to the International Space Station on Dec. 5, "
        "carrying AztechSat-1 among its supplies. AztechSat-1 was built by UPAEP students "
        "with support from the Mexican Space Agency (AEM)."
    )
    records = extract(text, published="2019-12-06")
    aztech = [r for r in records if r.mission and r.mission.id == "AztechSat-1"]
    assert aztech and all(r.date == "2019-12-05" for r in aztech)
    assert all(r.date is None for r in records if r.mission and r.mission.id == "ISS")


def test_a_launch_date_a_dozen_words_after_the_launch_word(extract: Extract) -> None:
    text = (
        "MetOp-A was launched from the Baikonur Cosmodrome in Kazakhstan at 18:28 CEST today, "
        "19 October, on a Soyuz rocket. ESA and EUMETSAT developed MetOp-A together."
    )
    records = extract(text, published="2006-10-19")
    assert [(r.mission and r.mission.id, r.date) for r in records] == [("MetOp-A", "2006-10-19")]


def test_reaching_orbit_is_a_launch(extract: Extract) -> None:
    text = (
        "NuSTAR reached orbit on Wednesday under the belly of an airliner. "
        "The Italian Space Agency provides NuSTAR's ground station for NASA."
    )
    records = extract(text, published="2012-06-13")
    assert [(r.mission and r.mission.id, r.date) for r in records] == [("NuSTAR", "2012-06-13")]


def test_going_into_orbit_around_a_planet_is_no_launch(extract: Extract) -> None:
    text = (
        "NASA's Juno spacecraft went into orbit around Jupiter on July 4. "
        "The Italian Space Agency and NASA operate the Juno spacecraft together."
    )
    records = extract(text, published="2016-07-05")
    assert [(r.mission and r.mission.id, r.date) for r in records] == [("Juno", None)]


def test_the_main_clause_goes_on_after_a_relative_clause(extract: Extract) -> None:
    text = (
        "Thales Alenia Space built Nilesat 301 for Nilesat, which operates it from Cairo, "
        "under a contract signed on Dec. 3, 2019."
    )
    records = extract(text, published="2022-06-10")
    assert [(r.mission and r.mission.id, r.status, r.date) for r in records] == [
        ("Nilesat 301", "signed", "2019-12-03")
    ]


def test_a_shuttle_orbiter_stands_for_the_flight_it_flies(extract: Extract) -> None:
    text = (
        "NASA's Columbia lifted off from Kennedy Space Center on Jan. 16 on STS-107, a 16-day "
        "research flight.\n\nThe European Space Agency is flying seven experiments aboard "
        "Columbia under a barter agreement with NASA."
    )
    records = extract(text, published="2003-01-20")
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "STS-107")}


def test_a_following_sentence_dates_the_signing(extract: Extract) -> None:
    text = (
        "ESA and Axiom Space have signed a memorandum of understanding on human spaceflight. "
        "The memorandum was signed on Oct. 1 in Paris."
    )
    records = extract(text, published="2023-10-04")
    assert identities(records) == {(frozenset({"ESA", "Axiom Space"}), None)}
    assert records[0].date == "2023-10-01" and "date.followup" in records[0].rules


def test_a_contract_without_a_mission_name_is_about_the_articles_mission(
    extract: Extract,
) -> None:
    text = (
        "Rocket Lab launched NASA's CAPSTONE cubesat toward the moon. CAPSTONE will test an orbit. "
        "CAPSTONE is the first spacecraft to fly it. "
        "NASA awarded Rocket Lab the launch contract in February 2020."
    )
    records = extract(text, published="2022-06-28")
    assert (frozenset({"NASA", "Rocket Lab"}), "CAPSTONE") in identities(records)
    assert (frozenset({"NASA", "Rocket Lab"}), None) not in identities(records)


def test_one_signatory_signs_the_accords_with_the_united_states(extract: Extract) -> None:
    # the frame names the counterparty the sentence leaves out
    records = extract("Israel signed the Artemis Accords on Wednesday.", published="2022-01-27")
    assert identities(records) == {(frozenset({"IL", "US"}), None)}
    assert [(r.status, r.date) for r in records] == [("signed", "2022-01-26")]
    # the United States among the founders signs with no one
    assert extract("The accords were first signed in October 2020 by the United States.") == []


def test_a_framework_agreement_keeps_no_mission(extract: Extract) -> None:
    text = (
        "ESA's Hera mission is on its way. Hera will reach Didymos in 2026. Hera carries cubesats. "
        "ESA and JAXA signed a framework agreement on Tuesday."
    )
    assert identities(extract(text)) == {(ESA_JAXA, None)}


def test_the_maker_of_the_rocket_is_not_a_partner(extract: Extract) -> None:
    records = extract(
        "The JUICE spacecraft lifted off on a SpaceX Falcon 9, carrying a radar supplied by NASA."
    )
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "JUICE")}
    assert records[0].status == "active"  # a launched mission is under way, not completed
    assert "partner.mission_owner" in records[0].rules


def test_a_launch_contract_with_the_rocket_maker_is_a_record(extract: Extract) -> None:
    records = extract("ESA signed a contract with SpaceX to launch JUICE on a Falcon 9.")
    assert identities(records) == {(frozenset({"ESA", "SpaceX"}), "JUICE")}


def test_a_rocket_name_is_not_a_date(nlp: Language) -> None:
    doc = nlp("BepiColombo launched on an Ariane 5 in October 2018.")
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == ["October 2018"]


def test_each_contractor_takes_its_own_vehicle(extract: Extract) -> None:
    records = extract(
        "NASA contracted SpaceX's Dragon and Northrop Grumman's Cygnus for cargo deliveries "
        "to the ISS."
    )
    assert identities(records) == {
        (frozenset({"NASA", "SpaceX"}), "Dragon"),
        (frozenset({"NASA", "Northrop Grumman"}), "Cygnus"),
    }


def test_a_programme_beside_its_specific_mission_is_context(extract: Extract) -> None:
    records = extract(
        "ESA and NASA signed an agreement on Europe's ExoMars Rosalind Franklin mission."
    )
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "Rosalind Franklin")}


def test_we_in_a_quote_is_the_speakers_organisation(extract: Extract) -> None:
    text = (
        "ESA and JAXA signed a joint statement on Tuesday. "
        "“We welcome the statement,” Takeshi Hakamada, ispace founder and CEO, said. "
        "“We have had the privilege of working with both space agencies,” Hakamada added."
    )
    records = extract(text)
    assert {
        (frozenset({"ESA", "ispace"}), None),
        (frozenset({"ispace", "JAXA"}), None),
    } <= identities(records)
    assert (frozenset({"ESA", "ispace", "JAXA"}), None) not in identities(records)


def test_a_past_agreement_is_signed_and_dated(extract: Extract) -> None:
    records = extract(
        "In October, KASA followed up with a research agreement with NASA.",
        published="2025-01-16",
    )
    assert identities(records) == {(frozenset({"KASA", "NASA"}), None)}
    assert (records[0].status, records[0].date) == ("signed", "2024-10")


def test_the_project_is_the_programme_named_recently(extract: Extract) -> None:
    text = (
        "Chang'e-7 will carry six foreign instruments to the moon, CNSA said. Chang'e-7 is also "
        "meant to prepare the ground for the International Lunar Research Station (ILRS). At "
        "the same ceremony, the agency announced that the Asia-Pacific Space Cooperation "
        "Organization had joined the project."
    )
    assert identities(extract(text)) == {(frozenset({"APSCO", "CNSA"}), "ILRS")}


def test_joining_as_an_owners_partners_pairs_everyone_with_the_owner(extract: Extract) -> None:
    records = extract(
        "With the agreement, MBRSC joins the European Space Agency, JAXA and the Canadian Space "
        "Agency as NASA's international partners on the Gateway station."
    )
    assert identities(records) == {
        (frozenset({"MBRSC", "NASA"}), "Gateway"),
        (frozenset({"ESA", "NASA"}), "Gateway"),
        (frozenset({"JAXA", "NASA"}), "Gateway"),
        (frozenset({"CSA", "NASA"}), "Gateway"),
    }
    statuses = {r.partners[0].id + "+" + r.partners[1].id: r.status for r in records}
    assert statuses["ESA+NASA"] == "active"  # already partners; only MBRSC joins


def test_owners_named_side_by_side_do_not_cooperate(extract: Extract) -> None:
    assert (
        extract(
            "Argonaut will be smaller than the landers being built in the United States, such as "
            "SpaceX's Starship and Blue Origin's Blue Moon."
        )
        == []
    )


def test_a_designator_ending_a_sentence_is_found_and_ends_it(extract: Extract) -> None:
    records = extract(
        "ESA signed a contract with Thales Alenia Space to build Sentinel-1C and its twin, "
        "Sentinel-1D. Airbus built Sentinel-1C's radar as a subcontractor to Thales Alenia Space."
    )
    assert identities(records) == {
        (frozenset({"ESA", "Thales Alenia Space"}), "Sentinel-1C"),
        (frozenset({"ESA", "Thales Alenia Space"}), "Sentinel-1D"),
        (frozenset({"Airbus", "Thales Alenia Space"}), "Sentinel-1C"),
    }
    assert {r.status for r in records} == {"signed"}  # "as a subcontractor to" states a contract


def test_a_mixed_case_name_ending_a_sentence_ends_it(extract: Extract) -> None:
    records = extract(
        "NASA awarded the Europa Clipper launch contract to SpaceX. "
        "Airbus signed a contract with ESA on Friday."
    )
    assert identities(records) == {
        (frozenset({"NASA", "SpaceX"}), "Europa Clipper"),
        (frozenset({"Airbus", "ESA"}), None),
    }


def test_a_parent_named_in_an_apposition_describes_its_part(extract: Extract) -> None:
    records = extract(
        "NewSpace India Limited (NSIL), the commercial arm of ISRO, and Arianespace signed a "
        "letter of intent to cooperate on commercial launch services."
    )
    assert identities(records) == {(frozenset({"NSIL", "Arianespace"}), None)}


def test_each_signatory_takes_its_own_date(extract: Extract) -> None:
    records = extract(
        "Germany signed the Artemis Accords on Thursday. This year India signed in June and "
        "Argentina in July.",
        published="2023-09-15",
    )
    dates = {r.partners[0].id: r.date for r in records}
    assert dates["AR"] == "2023-07" and dates["IN"] == "2023-06"


def test_the_mission_means_the_most_named_recent_mission(extract: Extract) -> None:
    text = (
        "JAXA's MMX will fly to the Martian moons. MMX carries the IDEFIX rover. "
        "MMX launches in 2026. JAXA also flew Hayabusa2. "
        "NASA is continuing its collaboration with JAXA on the mission."
    )
    assert identities(extract(text)) == {(frozenset({"JAXA", "NASA"}), "MMX")}


def test_a_supplied_part_attaches_to_the_receiving_mission(extract: Extract) -> None:
    records = extract(
        "ESA supplies the European Service Module that provides propulsion and power for NASA's "
        "Orion crew capsule."
    )
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "Orion")}


def test_past_development_of_a_flying_mission_is_active(extract: Extract) -> None:
    flying = extract("The EarthCARE satellite was developed jointly by ESA and JAXA.")
    assert [(r.mission and r.mission.id, r.status) for r in flying] == [("EarthCARE", "active")]
    ended = extract(
        "The Cassini spacecraft ended its mission in Saturn's atmosphere on Sept. 15, 2017. "
        "Cassini was a cooperative project of NASA, ESA and ASI."
    )
    assert [(r.mission and r.mission.id, r.status) for r in ended] == [("Cassini", "completed")]


def test_cues_in_a_quotes_attribution_are_not_the_quotes(extract: Extract) -> None:
    records = extract(
        '"Japan shares a precious memory with France and Germany regarding the collaboration '
        'on the Hayabusa2 mission," JAXA President Hiroshi Yamakawa said at the signing.'
    )
    assert all(r.status != "signed" for r in records)
    assert all(p.kind != "government" for r in records for p in r.partners)


def test_a_jointly_made_instrument_is_itself_the_mission(extract: Extract) -> None:
    text = (
        "Blue Ghost carries ten NASA payloads to Mare Crisium. Among them is the Lunar GNSS "
        "Receiver Experiment (LuGRE), a joint effort of NASA and the Italian Space Agency (ASI)."
    )
    pair = frozenset({"ASI", "NASA"})
    assert {i for i in identities(extract(text)) if i[0] == pair} == {(pair, "LuGRE")}
    # a contributed instrument still attaches to its host
    contributed = "The spacecraft carries TIRI, an infrared imager supplied by JAXA for ESA's Hera."
    assert identities(extract(contributed)) == {(ESA_JAXA, "Hera")}


def test_the_makers_of_a_named_instrument_cooperate_on_it(extract: Extract) -> None:
    text = (
        "NASA's Juno probe reached Jupiter in July. Thales Alenia Space built KaT under a "
        "contract with the Italian Space Agency (ASI)."
    )
    pair = frozenset({"ASI", "Thales Alenia Space"})
    assert {i for i in identities(extract(text)) if i[0] == pair} == {(pair, "KaT")}
    # when one of them operates the host named beside it, the contribution is to the host
    host = (
        "The French agency CNES provided key parts of the SuperCam instrument on NASA's "
        "Perseverance rover."
    )
    assert identities(extract(host)) == {(frozenset({"CNES", "NASA"}), "Perseverance")}


def test_a_team_named_with_its_members_is_one_record(extract: Extract) -> None:
    text = (
        "Maxar leads a team that includes two partners: Blue Origin, the launch company "
        "founded by Jeff Bezos, and Draper, the Cambridge, Massachusetts, laboratory."
    )
    assert identities(extract(text)) == {(frozenset({"Blue Origin", "Draper", "Maxar"}), None)}
    # a mission's team is no team the hub leads: its members are each the hub's partner
    dawn = "NASA counts four international partners on the Dawn team: DLR, ASI and INAF."
    assert {i[0] for i in identities(extract(dawn))} == {
        frozenset({"NASA", p}) for p in ("ASI", "DLR", "INAF")
    }


def test_a_third_party_named_only_as_a_missions_owner_is_context(extract: Extract) -> None:
    text = (
        "Europe's main hardware role in the U.S.-led return to the moon is the European Service "
        "Module, which Airbus builds under ESA contract and which provides power and propulsion "
        "for NASA's Orion crew capsule."
    )
    assert identities(extract(text)) == {(frozenset({"Airbus", "ESA"}), "European Service Module")}


def test_the_parties_listed_after_by_are_the_partner_set(extract: Extract) -> None:
    text = (
        "IDEFIX, developed by the French space agency CNES and the German Aerospace Center "
        "(DLR), was handed over to the Japan Aerospace Exploration Agency (JAXA) on March 7."
    )
    assert identities(extract(text)) == {(frozenset({"CNES", "DLR"}), "IDEFIX")}
    # contributors joined to the list by 'with contributions from' stay partners
    swot = (
        "SWOT was developed jointly by NASA and CNES, with contributions from the Canadian "
        "Space Agency and the UK Space Agency."
    )
    assert identities(extract(swot)) == {(frozenset({"CNES", "CSA", "NASA", "UKSA"}), "SWOT")}


def test_one_party_with_several_gives_bilateral_records(extract: Extract) -> None:
    text = "The Korea AeroSpace Administration (KASA) signed agreements with NASA and ESA."
    assert identities(extract(text)) == {
        (frozenset({"KASA", "NASA"}), None),
        (frozenset({"ESA", "KASA"}), None),
    }
    # 'together with' makes one team
    team = "JAXA developed the robot together with Sony and Doshisha University."
    assert identities(extract(team)) == {(frozenset({"Doshisha University", "JAXA", "Sony"}), None)}


def test_in_a_hub_split_each_party_takes_the_mission_it_operates(extract: Extract) -> None:
    text = (
        "The European Space Agency has signed a contract with Airbus to build three more "
        "European Service Modules for Orion, the capsule NASA will use to fly astronauts to the moon."
    )
    assert identities(extract(text)) == {
        (frozenset({"Airbus", "ESA"}), "European Service Module"),
        (frozenset({"ESA", "NASA"}), "Orion"),
    }


def test_a_lost_joint_mission_is_completed(extract: Extract) -> None:
    text = (
        "Also lost were the two cubesats of CIRCE, an ionospheric research mission developed "
        "jointly by Britain's Defence Science and Technology Laboratory (Dstl) and the U.S. "
        "Naval Research Laboratory (NRL)."
    )
    records = extract(text)
    assert identities(records) == {(frozenset({"Dstl", "NRL"}), "CIRCE")}
    assert records[0].status == "completed"


def test_parts_for_two_owners_missions_go_to_each_owner(extract: Extract) -> None:
    text = (
        "JAXA is also supplying batteries for ESA's ESPRIT refueling and communications module "
        "and for NASA's Habitation and Logistics Outpost (HALO)."
    )
    assert identities(extract(text)) == {
        (ESA_JAXA, "ESPRIT"),
        (frozenset({"JAXA", "NASA"}), "HALO"),
    }


def test_an_instrument_developed_by_the_partners_is_the_mission(extract: Extract) -> None:
    text = (
        "Its main instrument, Resolve, is a microcalorimeter spectrometer developed jointly by "
        "JAXA and NASA."
    )
    assert identities(extract(text)) == {(frozenset({"JAXA", "NASA"}), "Resolve")}


def test_joiners_pair_with_the_programmes_owner(extract: Extract) -> None:
    text = (
        "CNSA and Roscosmos signed a memorandum in 2021 to build the International Lunar Research "
        "Station (ILRS) together. South Africa joined the project last month. Venezuela and the "
        "Asia-Pacific Space Cooperation Organization (APSCO) have also signed on, though China "
        "has not published a full list of partners."
    )
    found = identities(extract(text))
    assert {
        (frozenset({"CNSA", "ZA"}), "ILRS"),
        (frozenset({"CNSA", "VE"}), "ILRS"),
        (frozenset({"APSCO", "CNSA"}), "ILRS"),
    } <= found
    assert not any("CN" in partners for partners, _ in found)
    # "signed up" with an object is hiring, not joining
    hired = "ispace signed up SpaceX in 2018 to launch its lunar missions."
    joined = identities(extract(text + " " + hired))
    assert not any({"ispace", "SpaceX"} & partners for partners, m in joined if m == "ILRS")


def test_an_existing_contract_is_signed_a_possible_one_proposed(extract: Extract) -> None:
    text = "Northrop Grumman flies its Cygnus spacecraft for NASA under a resupply contract."
    records = extract(text)
    assert identities(records) == {(frozenset({"NASA", "Northrop Grumman"}), "Cygnus")}
    assert records[0].status == "signed"
    talks = "JAXA and ISRO are discussing a possible agreement on LUPEX."
    assert [r.status for r in extract(talks)] == ["proposed"]


def test_past_joint_work_is_completed_only_for_the_mission_that_ended(extract: Extract) -> None:
    text = (
        "NASA's DART spacecraft slammed into Dimorphos on Sept. 26, 2022. ESA and NASA "
        "coordinated the two missions as a joint experiment, with DART providing the impact "
        "and ESA's Hera mission the follow-up."
    )
    status = {r.mission.id: (r.status, r.date) for r in extract(text) if r.mission}
    assert status == {"DART": ("completed", "2022-09-26"), "Hera": ("active", None)}


def test_beaten_rivals_are_not_partners(extract: Extract) -> None:
    text = (
        "NASA selected SpaceX for the lander contract, ahead of rival bids from Blue Origin "
        "and Dynetics."
    )
    assert identities(extract(text)) == {(frozenset({"NASA", "SpaceX"}), None)}
    text = (
        "The regulator picked Thales Alenia Space from a field that also included Orbital ATK "
        "of the United States and Airbus of France, and the committee cleared the award."
    )
    assert all(
        "Airbus" not in partners and "Northrop Grumman" not in partners
        for partners, _ in identities(extract(text))
    )


def test_a_country_joining_the_united_states_pairs_with_it(extract: Extract) -> None:
    text = (
        "Japan would continue to take part in the International Space Station through 2030, "
        "making it the first international partner to join the United States in extending it."
    )
    assert identities(extract(text)) == {(frozenset({"JP", "US"}), "ISS")}


def test_an_instrument_on_the_referred_host_pairs_its_maker_with_the_owner(
    extract: Extract,
) -> None:
    text = (
        "Europe's Hera spacecraft launched on Monday. Hera reaches Didymos in 2026. NASA's "
        "Double Asteroid Redirection Test (DART) struck Dimorphos in 2022. Hera will map the "
        "crater left by DART. The spacecraft also carries a thermal infrared imager, TIRI, "
        "supplied by the Japan Aerospace Exploration Agency (JAXA)."
    )
    # "the spacecraft" is Hera, named in three sentences; DART has three mentions but in two
    # sentences ("Double Asteroid Redirection Test (DART)" counts once)
    assert (frozenset({"ESA", "JAXA"}), "Hera") in identities(extract(text))


def test_several_contributors_each_pair_with_the_owner(extract: Extract) -> None:
    text = (
        "China's Chang'e-6 mission returned samples on Tuesday. The lander carried the European "
        "Space Agency's NILS instrument, designed to detect negative ions produced as the solar "
        "wind strikes the surface, and CNES's DORN instrument."
    )
    records = extract(text, published="2024-06-27")
    found = {
        (frozenset(p.id for p in r.partners), r.mission and r.mission.id, r.status) for r in records
    }
    assert found == {
        (frozenset({"CNSA", "ESA"}), "Chang'e 6", "completed"),  # "as ... strikes" is not the
        (frozenset({"CNES", "CNSA"}), "Chang'e 6", "completed"),  # sentence's tense
    }


def test_a_country_in_a_defence_programme_stays_a_government(extract: Extract) -> None:
    civil = extract("Australia will contribute to NASA's Artemis program under an arrangement.")
    assert all("AU" not in p for p, _ in identities(civil))
    military = extract(
        "Australia has cancelled a military satellite program that Lockheed Martin won last year."
    )
    assert identities(military) == {(frozenset({"AU", "Lockheed Martin"}), None)}


def test_a_mission_inside_anothers_description_is_context(extract: Extract) -> None:
    text = (
        "NASA has finalized a contract with Northrop Grumman to build the Habitation and "
        "Logistics Outpost (HALO), the first crew cabin of the agency's planned Gateway station."
    )
    assert identities(extract(text)) == {(frozenset({"NASA", "Northrop Grumman"}), "HALO")}


def test_a_termination_reported_as_news_outranks_the_contract_behind_it(extract: Extract) -> None:
    text = (
        "NASA has cancelled OSAM-1, ending its partnership with Maxar on the spacecraft. "
        "Maxar was building OSAM-1 under a contract with NASA."
    )
    records = extract(text)
    assert [(r.mission and r.mission.id, r.status) for r in records] == [("OSAM-1", "terminated")]
    reversed_order = extract(
        "Maxar was building OSAM-1 under a contract with NASA. NASA later cancelled "
        "OSAM-1, ending its partnership with Maxar."
    )
    assert [r.status for r in reversed_order] == ["signed"]


def test_joining_within_the_accords_is_signing_them(extract: Extract) -> None:
    text = (
        "Brazil signed the Artemis Accords on Tuesday, the 12th country to join. The accords "
        "build on the Outer Space Treaty and cover cooperation on the International Space "
        "Station and beyond. Ukraine joined in November, and New Zealand signed last month."
    )
    found = identities(extract(text, published="2021-06-17"))
    assert (frozenset({"UA", "US"}), None) in found and (frozenset({"NZ", "US"}), None) in found
    assert not any(m == "ISS" for _, m in found)


def test_a_crew_from_several_agencies_pairs_each_with_the_missions_owner(extract: Extract) -> None:
    text = (
        "The Crew-7 mission is commanded by NASA astronaut Jasmin Moghbeli, with the European "
        "Space Agency's Andreas Mogensen as pilot and JAXA astronaut Satoshi Furukawa."
    )
    found = identities(extract(text))
    assert found == {
        (frozenset({"ESA", "NASA"}), "Crew-7"),
        (frozenset({"JAXA", "NASA"}), "Crew-7"),
    }


def test_a_mission_in_a_comparison_is_context(extract: Extract) -> None:
    text = (
        "Lockheed Martin and Boeing will jointly develop a rover that can travel farther than "
        "the Apollo rover."
    )
    assert identities(extract(text)) == {(frozenset({"Boeing", "Lockheed Martin"}), None)}


def test_the_two_agencies_after_a_longer_list_are_the_articles_pair(extract: Extract) -> None:
    text = (
        "NASA and Roscosmos signed a joint statement on Wednesday on the Gateway. NASA is also "
        "discussing the station with ESA, JAXA and the Canadian Space Agency. The two agencies "
        "have worked together for two decades on the International Space Station."
    )
    found = identities(extract(text, published="2017-09-27"))
    assert (frozenset({"NASA", "Roscosmos"}), "ISS") in found
    assert (frozenset({"CSA", "JAXA"}), "ISS") not in found


def test_a_launch_in_the_lede_dates_the_mission_the_article_is_about(extract: Extract) -> None:
    text = (
        "A satellite built by the U.S. and Japanese space agencies lifted off on Feb. 27. "
        "GPM will measure rain. The GPM mission is a partnership between NASA and JAXA. "
        "GPM carries two instruments."
    )
    records = extract(text, published="2014-02-28")
    assert [(r.mission and r.mission.id, r.status, r.date) for r in records] == [
        ("GPM", "active", "2014-02-27")
    ]


def test_each_contributor_takes_the_status_of_its_own_clause(extract: Extract) -> None:
    text = (
        "NASA's HALO module is being built in Arizona. The European Space Agency is supplying a "
        "lunar communications system for the module, and JAXA is expected to provide batteries."
    )
    status = {frozenset(p.id for p in r.partners): r.status for r in extract(text)}
    assert status == {frozenset({"ESA", "NASA"}): "active", frozenset({"JAXA", "NASA"}): "planned"}


def test_a_soyuz_seat_pairs_with_roscosmos_not_the_soviet_programme(extract: Extract) -> None:
    records = extract("Axiom Space held a seat it had bought on a Russian Soyuz flight.")
    assert {frozenset(p.id for p in r.partners) for r in records} <= {
        frozenset({"Axiom Space", "Roscosmos"})
    }
    assert records, "the seat purchase is a contribution to Roscosmos's Soyuz"


def test_a_where_clause_can_state_the_cooperation(extract: Extract) -> None:
    text = (
        "European astronauts still fly with Russian cosmonauts on the International Space "
        "Station, where ESA and Roscosmos remain partners."
    )
    assert (frozenset({"ESA", "Roscosmos"}), "ISS") in identities(extract(text))


def test_the_next_sentence_can_give_a_memorandums_scope(extract: Extract) -> None:
    text = (
        "ISRO and Roscosmos signed a memorandum of understanding on Friday to work together on "
        "human spaceflight. The memorandum covers joint activities under India's human "
        "spaceflight programme, Gaganyaan."
    )
    found = identities(extract(text, published="2018-10-06"))
    assert found == {(frozenset({"ISRO", "Roscosmos"}), "Gaganyaan")}


def test_a_bought_launch_is_a_contract(extract: Extract) -> None:
    records = extract("ESA bought the launch of Proba-3 from NewSpace India Limited (NSIL).")
    assert [(identities([r]), r.status) for r in records] == [
        ({(frozenset({"ESA", "NSIL"}), "Proba-3")}, "signed")
    ]
    sold = "The launch was sold to the Italian Space Agency (ASI) by Antrix Corporation."
    assert [(identities([r]), r.status) for r in extract(sold)] == [
        ({(frozenset({"ASI", "Antrix"}), None)}, "signed")
    ]


def test_covers_marks_a_bio_only_after_a_name(extract: Extract) -> None:
    news = "NASA and ESA signed the agreement on Tuesday. It covers the Gateway and Orion."
    assert (frozenset({"ESA", "NASA"}), None) in identities(extract(news))
    bio = "ESA said on Tuesday it was pleased.\n\nJane Doe covers ESA and NASA for a newspaper."
    assert extract(bio) == []


def test_will_before_a_function_verb_describes_the_mission_not_the_status(extract: Extract) -> None:
    text = (
        "The Emirates Mars InfraRed Spectrometer (EMIRS), built at ASU in partnership with "
        "MBRSC, will track dust and could find water."
    )
    assert [r.status for r in extract(text)] == ["active"]
    plan = "ASU and MBRSC will build an infrared spectrometer for the mission."
    assert [r.status for r in extract(plan)] == ["planned"]


def test_no_contract_signed_is_no_signing(extract: Extract) -> None:
    text = (
        "JAXA and Toyota said on Tuesday they would jointly study a pressurised rover. "
        "No contract has been signed, and the two organisations are only studying the vehicle."
    )
    assert [r.status for r in extract(text, published="2019-03-13")] == ["proposed"]


def test_partners_only_in_separate_clauses_are_two_facts(extract: Extract) -> None:
    assert (
        extract(
            "Euglena is flying a small module to grow algae, and National Central University "
            "has provided a probe to measure radiation."
        )
        == []
    )
    both = extract(
        "Euglena signed an agreement with National Central University, and the university "
        "has provided a probe to measure radiation."
    )
    assert identities(both) == {(frozenset({"Euglena", "National Central University"}), None)}


def test_an_arrangement_originally_made_is_superseded(extract: Extract) -> None:
    records = extract(
        "EUMETSAT's MTG-S1 had originally been assigned to an Ariane 6 operated by Arianespace."
    )
    assert identities(records) == {(frozenset({"Arianespace", "EUMETSAT"}), "MTG-S1")}
    assert records[0].status == "terminated"


def test_pulling_out_of_a_treaty_terminates_it(extract: Extract) -> None:
    records = extract("Brazil is pulling out of its treaty with Ukraine on rocket launches.")
    assert identities(records) == {(frozenset({"BR", "UA"}), None)}
    assert records[0].status == "terminated"


def test_missions_in_a_description_of_a_partner_are_context(extract: Extract) -> None:
    records = extract(
        "The Venera-D concept has been studied by IKI together with the Lavochkin Association, "
        "the company that built the Vega 1 and Vega 2 probes."
    )
    assert identities(records) == {(frozenset({"IKI", "NPO Lavochkin"}), "Venera-D")}
    assert records[0].status == "proposed"


def test_a_former_affiliation_of_a_person_is_no_partner(extract: Extract) -> None:
    text = (
        "Janet Kavandi, president of Sierra Space and a former NASA astronaut, said the "
        "company's Dream Chaser would support research."
    )
    assert extract(text) == []


def test_made_with_an_organisation_is_joint_work(extract: Extract) -> None:
    records = extract(
        "KARI developed the Naro rocket with Russia's Khrunichev, which supplied its first stage."
    )
    assert identities(records) == {(frozenset({"KARI", "Khrunichev"}), None)}
    assert extract("KARI developed the Naro rocket with great care.") == []


def test_an_industrial_team_works_on_the_article_subject(extract: Extract) -> None:
    records = extract(
        "ESA's PLATO mission will search for planets. PLATO will launch in 2026. "
        "OHB is building PLATO for ESA. "
        "OHB has formed a partnership with Thales Alenia Space for the work."
    )
    assert (frozenset({"OHB", "Thales Alenia Space"}), "PLATO") in identities(records)


def test_a_rocket_maker_named_with_its_rocket_is_no_partner(extract: Extract) -> None:
    text = (
        "NASA's Aquarius instrument began its mission Friday after a United Launch Alliance "
        "Delta II rocket lifted off with it."
    )
    assert extract(text) == []


def test_completing_tests_does_not_end_a_mission(extract: Extract) -> None:
    records = extract(
        "CONAE's SAC-D completed its environmental tests in Brazil. "
        "The Canadian Space Agency helped CONAE develop a camera for SAC-D."
    )
    assert identities(records) == {(frozenset({"CONAE", "CSA"}), "SAC-D")}
    assert records[0].status == "active"  # past work on a mission still flying


def test_a_relative_clause_is_the_statement_when_the_main_clause_has_no_cue(
    extract: Extract,
) -> None:
    records = extract(
        "Europe's main role is the European Service Module, which Airbus builds under an ESA "
        "contract."
    )
    assert identities(records) == {(frozenset({"Airbus", "ESA"}), "European Service Module")}
    assert records[0].status == "signed"
    records = extract(  # a relative clause in the subject does not hide the main verb's cue
        "Mitsubishi Heavy Industries, which has run H-IIA launch operations since 2007, "
        "conducted the launch of GPM under contract to JAXA."
    )
    assert identities(records) == {(frozenset({"JAXA", "MHI"}), "GPM")}
    assert records[0].date is None  # 2007 dates the aside, not the launch contract


def test_work_done_for_an_organisation_is_a_contribution(extract: Extract) -> None:
    records = extract("Arizona State University leads the Psyche mission for NASA.")
    assert identities(records) == {(frozenset({"ASU", "NASA"}), "Psyche")}
    assert extract("Arizona State University leads the Psyche mission for now.") == []


def test_it_opening_a_sentence_is_the_previous_subject(extract: Extract) -> None:
    records = extract(
        "Masten Space Systems will deliver payloads to the moon. "
        "It provides test flights for NASA's Flight Opportunities program."
    )
    assert (frozenset({"Masten", "NASA"}), "Flight Opportunities") in identities(records)
    records = extract(  # the previous subject is a mission: "it" is no organisation
        "Psyche will launch in 2023. It will carry a laser terminal for NASA."
    )
    assert records == []


def test_an_award_of_money_pairs_the_winner_with_the_awarder(extract: Extract) -> None:
    text = (
        "NASA will put $370 million into demonstrations by 14 companies, the agency announced "
        "Oct. 14. The selections are the fifth round of NASA's Tipping Point program. "
        "Lockheed Martin received the largest award, $89.7 million, for a demonstration. "
        "SpaceX won $53.2 million for a flight test on a Starship vehicle."
    )
    records = extract(text, published="2020-10-15")
    assert identities(records) == {
        (frozenset({"Lockheed Martin", "NASA"}), "Tipping Point"),
        (frozenset({"NASA", "SpaceX"}), "Tipping Point"),  # Starship is SpaceX's own
    }
    assert {r.status for r in records} == {"signed"}
    assert {r.date for r in records} == {"2020-10-14"}  # the announcement
    assert extract("Lockheed Martin received $89.7 million from investors.") == []
    records = extract(  # each award to its own subject, not to the team members in the aside
        "NASA awarded three lander contracts in April. Blue Origin, which leads a team with "
        "Lockheed Martin and Draper, received $579 million; Dynetics received $253 million."
    )
    assert identities(records) == {
        (frozenset({"Blue Origin", "NASA"}), None),
        (frozenset({"Dynetics", "NASA"}), None),
    }


def test_a_relative_clause_after_an_awardee_names_its_mission(extract: Extract) -> None:
    text = (
        "In May 2019, NASA awarded task orders to Astrobotic of Pittsburgh, which will fly NASA "
        "payloads on its Peregrine lander, and to Intuitive Machines of Houston, which will "
        "carry them on its Nova-C lander."
    )
    pair = frozenset({"Intuitive Machines", "NASA"})
    assert {i for i in identities(extract(text)) if i[0] == pair} == {(pair, "Nova-C")}


def test_a_roster_of_selected_companies_pairs_each_with_the_awarder(extract: Extract) -> None:
    text = (
        "NASA has selected three companies for Space Act Agreements. "
        "The selected companies are Blue Origin of Kent, Washington; Sierra Space of "
        "Broomfield, Colorado; and Vast Space of Long Beach, California."
    )
    assert identities(extract(text)) == {
        (frozenset({"Blue Origin", "NASA"}), None),
        (frozenset({"NASA", "Sierra Space"}), None),
        (frozenset({"NASA", "Vast"}), None),
    }


def test_missions_each_possessed_after_a_plural_name_are_no_record(extract: Extract) -> None:
    text = (
        "Commercial landers such as Intuitive Machines' Nova-C and Firefly Aerospace's Blue "
        "Ghost, which carry a few hundred kilograms, will fly this year."
    )
    assert extract(text) == []


def test_an_original_arrangement_was_replaced(extract: Extract) -> None:
    records = extract(
        "KARI had originally booked KOMPSAT-6 on an Angara rocket under a contract with "
        "International Launch Services."
    )
    assert identities(records) == {
        (frozenset({"International Launch Services", "KARI"}), "KOMPSAT-6")
    }
    assert records[0].status == "terminated"  # not signed: "originally" says it was replaced


def test_it_opening_a_sentence_can_be_the_previous_subject_mission(extract: Extract) -> None:
    records = extract(
        "LISA Pathfinder launched in December 2015. "
        "It carried microthrusters that NASA supplied to the European Space Agency."
    )
    assert identities(records) == {(frozenset({"ESA", "NASA"}), "LISA Pathfinder")}


def test_each_clause_pairs_its_own_partners_with_its_own_mission(extract: Extract) -> None:
    records = extract(
        "NASA and the Indian Space Research Organisation (ISRO) are jointly developing NISAR, "
        "a radar satellite that will track changes in the ice, and the Japan Aerospace "
        "Exploration Agency (JAXA) and ISRO are working together on LUPEX, a lunar mission."
    )
    assert identities(records) == {
        (frozenset({"ISRO", "NASA"}), "NISAR"),
        (frozenset({"ISRO", "JAXA"}), "LUPEX"),
    }
    records = extract(  # a clause naming one partner takes the sentence's first partner
        "ESA has placed two of its smaller missions in the hands of Spanish industry: Airbus "
        "Defence and Space in Madrid will build Cheops, the agency's first exoplanet mission, "
        "while Sener, the Spanish engineering group, will lead the development of Proba-3."
    )
    assert identities(records) == {
        (frozenset({"Airbus", "ESA"}), "CHEOPS"),
        (frozenset({"ESA", "Sener"}), "Proba-3"),
    }


def test_a_colon_list_pairs_each_organisation_with_the_one_before(extract: Extract) -> None:
    records = extract(
        "NASA counts four international partners on the Dawn team: DLR, the Max Planck "
        "Institute for Solar System Research, ASI and INAF."
    )
    assert identities(records) == {
        (frozenset({"NASA", "DLR"}), "Dawn"),
        (frozenset({"NASA", "MPS"}), "Dawn"),
        (frozenset({"NASA", "ASI"}), "Dawn"),
        (frozenset({"NASA", "INAF"}), "Dawn"),
    }


def test_past_work_on_the_subject_mission_still_flying_is_active(extract: Extract) -> None:
    records = extract(
        "AstroSat is India's first space observatory. AstroSat carries five telescopes. "
        "AstroSat was launched in 2015. "
        "The payloads were developed by ISRO together with the Raman Research Institute."
    )
    assert identities(records) == {(frozenset({"ISRO", "Raman Research Institute"}), "AstroSat")}
    assert records[0].status == "active"


def test_the_university_refers_back_to_a_named_institution(extract: Extract) -> None:
    records = extract(
        "Nanyang Technological University built X-SAT. "
        "X-SAT was launched in April 2011 under a launch service agreement that Antrix had "
        "signed with the university."
    )
    assert (frozenset({"Antrix", "Nanyang Technological University"}), "X-SAT") in identities(
        records
    )
    records = extract(  # "the University" inside a name is no reference
        "Kiel University built the detector. "
        "The lander is led by the University of Arizona for NASA."
    )
    assert {partners for partners, _ in identities(records)} == {
        frozenset({"NASA", "University of Arizona"})
    }


def test_an_instrument_built_by_two_organisations_is_their_object(extract: Extract) -> None:
    records = extract(
        "The Ultraviolet Imaging Telescope (UVIT) was built by the Indian Institute of "
        "Astrophysics in collaboration with the Canadian Space Agency."
    )
    assert identities(records) == {(frozenset({"CSA", "Indian Institute of Astrophysics"}), "UVIT")}


def test_an_instrument_record_takes_its_host_launch_date(extract: Extract) -> None:
    records = extract(
        "AstroSat was launched on Sept. 28, 2015. The Ultraviolet Imaging Telescope (UVIT) "
        "was built by the Indian Institute of Astrophysics in collaboration with the Canadian "
        "Space Agency.",
        published="2015-10-01",
    )
    assert identities(records) == {(frozenset({"CSA", "Indian Institute of Astrophysics"}), "UVIT")}
    assert records[0].date == "2015-09-28"


def test_preparing_a_mission_with_a_partner_is_joint_work(extract: Extract) -> None:
    records = extract(
        "JAXA is preparing LUPEX with the Indian Space Research Organisation (ISRO) to study "
        "water ice near the moon's south pole."
    )
    assert identities(records) == {(frozenset({"ISRO", "JAXA"}), "LUPEX")}
    assert records[0].status == "active"


def test_three_parties_without_a_joint_cue_pair_with_the_one_outside_the_list(
    extract: Extract,
) -> None:
    records = extract(
        "Lockheed Martin and Orbex will launch rockets from Scotland under plans backed by "
        "the UK Space Agency."
    )
    assert {partners for partners, _ in identities(records)} == {
        frozenset({"Lockheed Martin", "UKSA"}),
        frozenset({"Orbex", "UKSA"}),
    }
    records = extract(  # a joint cue keeps the parties together
        "Lockheed Martin and Orbex will jointly launch rockets from Scotland under plans "
        "backed by the UK Space Agency."
    )
    assert {partners for partners, _ in identities(records)} == {
        frozenset({"Lockheed Martin", "Orbex", "UKSA"})
    }


def test_a_reference_by_name_takes_the_organisation_with_that_word_in_its_name(
    extract: Extract,
) -> None:
    records = extract(
        "The European Commission met ISRO officials in Bengaluru. The Commission signed a data "
        "agreement with Brazil's space agency, the AEB."
    )
    assert frozenset({"AEB", "EU"}) in {partners for partners, _ in identities(records)}
    records = extract(
        "U.S. Strategic Command briefed NASA on Monday. Belgium signed a data-sharing agreement "
        "with the command."
    )
    assert {partners for partners, _ in identities(records)} == {
        frozenset({"BE", "United States Strategic Command"})
    }


def test_governments_take_only_the_missions_of_their_own_clause(extract: Extract) -> None:
    records = extract(
        "France and China signed an intergovernmental space cooperation agreement in 1997, and "
        "in 2006 CNES and CNSA agreed to develop CFOSAT together."
    )
    found = identities(records)
    assert (frozenset({"CN", "FR"}), None) in found
    assert (frozenset({"CN", "FR"}), "CFOSAT") not in found
    records = extract(  # one clause: the treaty is about the Gateway
        "Canada and the United States have signed a treaty on cooperation on the lunar Gateway."
    )
    assert identities(records) == {(frozenset({"CA", "US"}), "Gateway")}


def test_entrusting_leasing_and_acting_on_behalf_are_cooperation(extract: Extract) -> None:
    records = extract("ESA confirmed that the launch of EarthCARE would be entrusted to SpaceX.")
    assert identities(records) == {(frozenset({"ESA", "SpaceX"}), "EarthCARE")}
    records = extract("CSIRO runs the Canberra tracking station on NASA's behalf.")
    assert {partners for partners, _ in identities(records)} == {frozenset({"CSIRO", "NASA"})}


def test_a_relative_clause_is_the_statement_when_the_rest_names_one_party(
    extract: Extract,
) -> None:
    records = extract(
        "PSN, which bought the launch from SpaceX, will use the satellite to provide broadband "
        "services across the Indonesian archipelago."
    )
    assert {partners for partners, _ in identities(records)} == {frozenset({"PSN", "SpaceX"})}


def test_a_launch_by_a_launch_seller_is_a_bought_service(extract: Extract) -> None:
    records = extract(
        "The PSLV launch was the first dedicated commercial mission of NewSpace India Limited "
        "(NSIL), which provided the launch service for INPE's Amazonia-1."
    )
    assert identities(records) == {(frozenset({"INPE", "NSIL"}), "Amazonia-1")}
    assert records[0].status == "signed"


def test_an_organisation_stated_to_belong_to_another_is_not_its_partner(
    extract: Extract,
) -> None:
    records = extract(
        "The Korea Aerospace Research Institute (KARI), now affiliated with KASA, developed the "
        "Danuri lunar orbiter, which has carried a NASA camera since 2022."
    )
    assert {partners for partners, _ in identities(records)} == {frozenset({"KARI", "NASA"})}


def test_co_passengers_on_a_launch_are_not_partners(extract: Extract) -> None:
    records = extract(
        "MOST shared the ride with six cubesats built by the University of Tokyo, Stanford "
        "University and Aalborg University."
    )
    assert records == []


def test_side_by_side_clauses_with_missions_are_no_cooperation(extract: Extract) -> None:
    # Each clause has its own subject (a country standing for its agency in the second) and
    # names one party: two facts side by side, though the sentence names missions.
    records = extract(
        "Intuitive Machines, whose Odysseus lander touched down on its side last year, plans a "
        "second landing attempt in the coming weeks, and China is preparing to launch its "
        "Chang'e 7 mission to the moon's south pole."
    )
    assert records == []


def test_a_launch_vehicle_contract_takes_no_subject_mission(extract: Extract) -> None:
    # The article is about Sentinel-1C, but the sentence is about the rocket: no mission (an
    # engine or launcher contract has mission null); a ride "on a Falcon 9" would not block it.
    records = extract(
        "Sentinel-1C lifted off on Vega-C on Thursday. Sentinel-1C will map Europe's land and "
        "seas. Controllers said Sentinel-1C was healthy. Vega-C was developed within ESA's "
        "launcher programme, with Italy's Avio as prime contractor."
    )
    assert identities(records) == {(frozenset({"Avio", "ESA"}), None)}


def test_countries_said_to_act_as_governments_stay_governments(extract: Extract) -> None:
    records = extract(
        "The United States and China held the first meeting of a new government-to-government "
        "dialogue on civil space in Beijing on Monday."
    )
    assert identities(records) == {(frozenset({"CN", "US"}), None)}


def test_a_country_stands_for_its_agency_that_operates_the_mission(extract: Extract) -> None:
    # Tiangong-2 is CMSA's: "China launched" it stands for CMSA, not for its default CNSA.
    records = extract(
        "China launched its second space laboratory, Tiangong-2, on Thursday, carrying POLAR, "
        "a gamma-ray burst detector built by the University of Geneva."
    )
    assert (frozenset({"CMSA", "University of Geneva"}), "Tiangong-2") in identities(records)
    assert all("CNSA" not in partners for partners, _ in identities(records))


def test_a_mission_reference_in_an_aside_still_names_the_mission(extract: Extract) -> None:
    records = extract(
        "Bangladesh ordered Bangabandhu-1 in 2015. The Bangladesh Telecommunication Regulatory "
        "Commission (BTRC), which is managing the project and will operate the satellite, "
        "picked Thales Alenia Space on Oct. 20."
    )
    assert (frozenset({"BTRC", "Thales Alenia Space"}), "Bangabandhu-1") in identities(records)


def test_an_organisation_described_by_its_place_is_referred_back_to(extract: Extract) -> None:
    records = extract(
        "OHB System signed a contract with ESA in 2019. The Bremen-based firm will build the Hera "
        "spacecraft for the agency. The Argentine company INVAP built SAC-D for CONAE."
    )
    assert (frozenset({"ESA", "OHB"}), "Hera") in identities(records)
    assert all("OHB" not in partners for partners, m in identities(records) if m == "SAC-D")


def test_a_reference_with_a_nationality_takes_an_organisation_of_that_country(
    extract: Extract,
) -> None:
    records = extract(
        "POLAR was built by the University of Geneva, the Paul Scherrer Institute and Poland's "
        "National Centre for Nuclear Research. The Swiss university also helped build DAMPE "
        "for the Chinese Academy of Sciences."
    )
    assert (frozenset({"CAS", "University of Geneva"}), "DAMPE") in identities(records)
    # with no agency of that country named, "the Russian agency" is Russia's national agency
    national = extract(
        "The European Space Agency said on Monday that it had signed an agreement with the "
        "Russian agency on the ExoMars mission."
    )
    assert identities(national) == {(frozenset({"ESA", "Roscosmos"}), "ExoMars")}


def test_three_parties_named_side_by_side_make_no_joint_record(extract: Extract) -> None:
    # No joint cue, no hub to split around, not one list: no three-party record.
    side_by_side = extract(
        "For now, Europe's main hardware role in NASA's return to the moon is the European "
        "Service Module, which Airbus builds under ESA contract for Orion."
    )
    assert all(len(partners) < 3 for partners, _ in identities(side_by_side))
    roster = extract(
        "The station is operated by five agencies: NASA, Roscosmos, ESA, the Japan Aerospace "
        "Exploration Agency (JAXA) and the CSA."
    )
    assert identities(roster) == {(frozenset({"CSA", "ESA", "JAXA", "NASA", "Roscosmos"}), None)}


def test_cooperation_stated_as_done_outranks_a_future_in_the_same_sentence(
    extract: Extract,
) -> None:
    # "will" describes what the satellite does next; the joint development is a stated fact
    stated = extract(
        "The China Earthquake Administration leads the CSES mission, which it developed together "
        "with the China National Space Administration, and the satellite will now spend five "
        "years measuring the ionosphere."
    )
    assert {r.status for r in stated} == {"active"}
    assert all("status.stated_fact" in r.rules for r in stated)
    # the future governs the cooperation verb itself: still planned
    future = extract("The SVOM satellite will be built by CNES together with CNSA.")
    assert future and {r.status for r in future} == {"planned"}


def test_a_contract_stated_in_the_relative_clause_that_names_the_partner(
    extract: Extract,
) -> None:
    records = extract(
        "CONAE provided the SAC-D spacecraft, which was built for the agency under contract by "
        "the Argentine company INVAP."
    )
    assert identities(records) == {(frozenset({"CONAE", "INVAP"}), "SAC-D")}
    assert records[0].status == "signed"


def test_support_in_the_past_tense_is_a_contribution(extract: Extract) -> None:
    records = extract(
        "ESA's ground stations supported ISRO's Chandrayaan-3 mission during its landing near "
        "the lunar south pole."
    )
    assert identities(records) == {(frozenset({"ESA", "ISRO"}), "Chandrayaan-3")}
    assert records[0].status == "active"


def test_made_with_an_organisation_after_a_short_aside(extract: Extract) -> None:
    records = extract(
        "In Japan, Toyota is developing a pressurized rover, named Lunar Cruiser, with the Japan "
        "Aerospace Exploration Agency."
    )
    assert identities(records) == {(frozenset({"JAXA", "Toyota"}), "Lunar Cruiser")}
    # an aside with its own finite verb is a clause: no cue across it
    assert (
        extract(
            "Toyota is developing a rover, which it showed last year, with great care, said JAXA."
        )
        == []
    )


def test_a_largest_contributor_is_no_author_bio(extract: Extract) -> None:
    # "contributor to" marked a closing author bio; "the largest contributor to ExoMars" is news
    records = extract(
        "ASI is the largest contributor to ExoMars, the Mars programme that ESA develops with "
        "Roscosmos."
    )
    assert records and all((r.mission and r.mission.id) == "ExoMars" for r in records)


def test_operating_a_system_with_a_partner_is_joint_work(extract: Extract) -> None:
    records = extract("Canadarm2, the robotic arm the CSA operates with NASA, is Canada's share.")
    assert identities(records) == {(frozenset({"CSA", "NASA"}), "Canadarm2")}


def test_designed_by_is_a_contribution(extract: Extract) -> None:
    # the maker and the spacecraft's owner (the gazetteer's first operator of RAMSES: ESA)
    records = extract("ESA's RAMSES spacecraft was designed by OHB.")
    assert identities(records) == {(frozenset({"ESA", "OHB"}), "RAMSES")}
    assert records[0].status == "active"


def test_grants_are_awards(extract: Extract) -> None:
    records = extract(
        "Lockheed Martin and Orbex will launch rockets from Scotland under plans backed by almost "
        "£30 million in UK Space Agency grants."
    )
    assert identities(records) == {
        (frozenset({"Lockheed Martin", "UKSA"}), None),
        (frozenset({"Orbex", "UKSA"}), None),
    }
    assert {r.status for r in records} == {"signed"}


def test_a_relative_clause_about_the_partner_states_its_contract(extract: Extract) -> None:
    records = extract(
        "OHB's main industrial partner is Thales Alenia Space, which signed its own contract with "
        "OHB at the congress today."
    )
    assert identities(records) == {(frozenset({"OHB", "Thales Alenia Space"}), None)}
    assert records[0].status == "signed"


def test_a_microsatellite_apposition_names_the_mission(extract: Extract) -> None:
    records = extract(
        "Among its current projects is VENμS, a microsatellite that ISA is developing jointly "
        "with the French space agency CNES."
    )
    assert identities(records) == {(frozenset({"CNES", "ISA"}), "VENμS")}


def test_the_agency_signing_with_several_counterparts(extract: Extract) -> None:
    # "the agency" is PhilSA, not UNOOSA named before it as the other side of a memorandum;
    # each counterpart introduced by "with" gets its own record with the signer
    records = extract(
        "PhilSA was established in 2019. Its first memorandum of understanding was with the "
        "United Nations Office for Outer Space Affairs (UNOOSA), signed in June 2021; later that "
        "month the agency signed a memorandum of cooperation with the Japan Aerospace "
        "Exploration Agency (JAXA), and it has since also concluded an agreement with the "
        "United Arab Emirates Space Agency."
    )
    assert identities(records) == {
        (frozenset({"PhilSA", "UNOOSA"}), None),
        (frozenset({"JAXA", "PhilSA"}), None),
        (frozenset({"PhilSA", "UAESA"}), None),
    }
    assert {r.status for r in records} == {"signed"}


def test_each_with_counterpart_takes_its_own_status(extract: Extract) -> None:
    records = extract(
        "The Infrared Atmospheric Sounding Interferometer (IASI) was developed by France's space "
        "agency CNES in partnership with EUMETSAT, with Alcatel Alenia Space as the prime "
        "contractor."
    )
    status = {frozenset(p.id for p in r.partners): r.status for r in records}
    assert status == {
        frozenset({"CNES", "EUMETSAT"}): "active",
        frozenset({"CNES", "Thales Alenia Space"}): "signed",
    }


def test_the_missions_an_agreement_covers_in_its_relative_clause(
    extract: Extract, extract_rules: Extract
) -> None:
    text = (
        "The United States and the European Union signed an agreement on Saturday that will let "
        "Europe's planned Galileo satellite navigation system and the U.S. Global Positioning "
        "System operate side by side."
    )
    assert identities(extract_rules(text)) == {
        (frozenset({"EU", "US"}), "Galileo"),
        (frozenset({"EU", "US"}), "GPS"),
    }
    # The rules' records. The learned mission choice then drops GPS here (score 0.26 against a
    # threshold of 0.35: the gazetteer names the U.S. Space Force, not a partner, as GPS's
    # operator), a known loss it trades for fewer wrong missions over the corpus.
    assert (frozenset({"EU", "US"}), "Galileo") in identities(extract(text))


def test_a_first_or_fourth_is_a_ranking_not_an_award(extract: Extract) -> None:
    # "became the" once counted as an award ("became the prime contractor"); in the news it
    # almost always ranks ("the first Brazilian in space", "the fourth agency to reach Mars")
    assert (
        extract(
            "With that arrival, ISRO became the fourth space agency to reach Mars, after the Soviet "
            "space program, NASA and the European Space Agency."
        )
        == []
    )
    # joining or signing is still stated by its own verb
    joined = extract("India became the fourth non-EU country to join the Galileo programme.")
    assert identities(joined) == {(frozenset({"EU", "IN"}), "Galileo")}


def test_a_colon_closes_a_context_clause(extract: Extract) -> None:
    # "before" belongs to the clause ending at the colon; ExoMars is the object of what follows
    records = extract(
        "NASA and ESA signed a statement of intent on Thursday. The two agencies have been here "
        "before: NASA pulled out of ExoMars, the two-mission program it was to have shared with "
        "ESA, in February 2012."
    )
    status = {r.mission.id if r.mission else None: r.status for r in records}
    assert status.get("ExoMars") == "terminated"


def test_missions_of_two_owners_related_by_between(extract: Extract) -> None:
    # "between X's A, which ..., and Y's B": a relation between the owners' missions, not a
    # list of owners side by side; the relative clause closes at its comma before "and ISRO"
    records = extract(
        "One of the working group's first tasks will be to explore coordinated observations "
        "between NASA's MAVEN orbiter, which arrived at Mars on Sept. 21, and ISRO's Mars Orbiter "
        "Mission, which entered orbit three days later."
    )
    assert identities(records) == {
        (frozenset({"ISRO", "NASA"}), "MAVEN"),
        (frozenset({"ISRO", "NASA"}), "Mangalyaan"),
    }
    assert {r.status for r in records} == {"proposed"}


def test_a_military_service_and_its_department_are_no_partners(extract: Extract) -> None:
    # the Air Force and the Space Force belong to the Department of Defense (parent_orgs)
    assert (
        extract(
            "The statement, signed on Tuesday, caps two years of discussions over how far civilian "
            "users could rely on a system that the U.S. Air Force runs for the Pentagon."
        )
        == []
    )


def test_an_instrument_that_comes_from_a_maker(extract: Extract) -> None:
    # "comes from" names the maker of a part of another's mission, like "supplied by"
    records = extract(
        "NASA's Perseverance rover carries seven science instruments to Mars. The Radar Imager "
        "for Mars' Subsurface Experiment (RIMFAX), a ground-penetrating radar that will map "
        "geologic layers beneath the rover, comes from the Norwegian Defence Research "
        "Establishment (FFI)."
    )
    assert identities(records) == {
        (frozenset({"NASA", "Norwegian Defence Research Establishment"}), "Perseverance")
    }


def test_the_readme_worked_example(extract: Extract) -> None:
    # README "Worked example": the joint statement (no mission; kept by the mission choice as an
    # agreement in general), and one record per mission of the second sentence ("on ESA's
    # RAMSES mission, and ... on BepiColombo" is two clauses: RAMSES is no part carried "on"
    # BepiColombo)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith('{"id": "example-1"'))
    item = json.loads(line)
    records = extract(item["text"], published=item["published"], article_id=item["id"])
    got = {(r.mission and r.mission.id, r.status, r.date) for r in records}
    assert got == {
        (None, "signed", "2024-11-20"),
        ("RAMSES", "active", None),
        ("BepiColombo", "active", None),
    }
    assert all({p.id for p in r.partners} == {"ESA", "JAXA"} for r in records)
    assert {r.record_id for r in records} >= {
        "7d6f8f62e381e53d",
        "1b5330f7934eea44",
        "2ba072ca5dd6d7a6",
    }


def test_instrument_teams_named_in_turn_each_pair_with_the_host_owner(
    extract_rules: Extract,
) -> None:
    text = (
        "ESA's Herschel space observatory was launched on Thursday from Kourou. "
        "The Photodetector Array Camera and Spectrometer (PACS) comes from a team led by the "
        "Max Planck Institute for Extraterrestrial Physics in Garching, and the Spectral and "
        "Photometric Imaging Receiver (SPIRE) from a team led by Cardiff University."
    )
    records = extract_rules(text)
    # each team with the mission's owner (docs/annotation.md, instruments delivered to one
    # owner), not the two teams with each other on one of the instruments
    assert identities(records) == {
        (frozenset({"ESA", "MPE"}), "Herschel"),
        (frozenset({"Cardiff University", "ESA"}), "Herschel"),
    }
    assert all("partner.instrument_makers" in r.rules for r in records)


def test_a_contribution_to_a_referred_mission_pairs_the_maker_with_its_owner(
    extract: Extract,
) -> None:
    text = (
        "Bolivia's first communications satellite, Túpac Katari, reached orbit on Friday. "
        "Túpac Katari will serve rural schools and clinics. "
        "The spacecraft was built by the China Academy of Space Technology (CAST)."
    )
    # "The spacecraft" is Túpac Katari, whose owner (the gazetteer's first operator) is ABE
    records = extract(text)
    assert (frozenset({"ABE", "CAST"}), "Túpac Katari") in identities(records)
    assert any("partner.mission_owner" in r.rules for r in records)


def test_a_parent_named_before_subsidiary_is_no_partner(extract: Extract) -> None:
    text = "CFOSAT was built by DFH Satellite Co., a CAST subsidiary, under a contract with CNES."
    records = extract(text)
    pairs = {ids for ids, _ in identities(records)}
    assert frozenset({"CAST", "DFH Satellite Co., Ltd."}) not in pairs
    assert any("CNES" in ids for ids in pairs)


def test_a_company_building_an_owners_mission_has_signed_a_contract(extract: Extract) -> None:
    text = (
        "Bolivia's first communications satellite, Túpac Katari, reached orbit on Friday. "
        "Túpac Katari will serve rural schools and clinics. "
        "The spacecraft was built by the China Academy of Space Technology (CAST)."
    )
    # CAST is an institution in the gazetteer; the same sentence with a company as maker
    records = extract(text.replace("the China Academy of Space Technology (CAST)", "Airbus"))
    made = [r for r in records if {p.id for p in r.partners} == {"ABE", "Airbus"}]
    assert made and made[0].status == "signed"
    assert "status.company_maker" in made[0].rules
    # an institution's contribution stays under way
    records = extract(text)
    made = [r for r in records if {p.id for p in r.partners} == {"ABE", "CAST"}]
    assert made and made[0].status == "active"


def test_a_joint_ventures_owners_are_no_parties_to_its_deal(extract: Extract) -> None:
    text = (
        "NASA signed a contract with United Launch Alliance, the joint venture that Boeing and "
        "Lockheed Martin formed in 2006, to launch the Lucy spacecraft."
    )
    records = extract(text)
    assert identities(records) == {(frozenset({"NASA", "ULA"}), "Lucy")}
    assert "partner.venture_owners" in records[0].rules


def test_competing_proposals_lost(extract: Extract) -> None:
    text = (
        "NASA picked Lockheed Martin to build the X-33 in July 1996 over competing proposals "
        "from Rockwell International and McDonnell Douglas."
    )
    assert {ids for ids, _ in identities(extract(text))} == {frozenset({"Lockheed Martin", "NASA"})}


def test_a_launch_site_is_never_the_articles_subject_mission(extract: Extract) -> None:
    text = (
        "A Proton lifted off from the Baikonur Cosmodrome on Monday. "
        "The Baikonur Cosmodrome is leased by Russia from Kazakhstan. "
        "Engineers at Baikonur worked through the night. "
        "SES signed the launch contract with International Launch Services in 1995."
    )
    records = extract(text)
    assert identities(records) == {(frozenset({"International Launch Services", "SES"}), None)}


def test_a_licensing_body_is_never_a_partner(extract: Extract) -> None:
    text = (
        "In asking the U.S. Federal Communications Commission for more time to meet a "
        "milestone, Space Norway blamed Northrop Grumman's decision to move staff to the "
        "satellites it had been ordered to build for Intelsat and SES."
    )
    records = extract(text)
    assert all("FCC" not in {p.id for p in r.partners} for r in records)


def test_a_relative_clause_on_an_organisation_states_its_own_cooperation(
    extract: Extract,
) -> None:
    text = (
        "The rovers were designed by General Motors as a subcontractor to Boeing, which built "
        "them under contract to NASA."
    )
    records = extract(text)
    made = [r for r in records if {p.id for p in r.partners} == {"Boeing", "NASA"}]
    assert made and "clause.relative" in made[0].rules
    assert made[0].status == "signed"
    # the main clause's record stays
    assert any({p.id for p in r.partners} == {"Boeing", "General Motors"} for r in records)


def test_parties_side_by_side_pair_around_a_local_cue(extract: Extract) -> None:
    text = (
        "The sounder was developed by ESA on behalf of the European Union, which pays for "
        "Copernicus, and EUMETSAT will operate it from Darmstadt."
    )
    records = extract(text)
    assert {ids for ids, _ in identities(records)} == {frozenset({"ESA", "EU"})}
    assert "partner.local_pair" in records[0].rules


def test_realised_by_is_a_maker_cue(extract: Extract) -> None:
    text = (
        "RISAT-2, a radar imaging satellite, was realised by ISRO with Israel Aerospace "
        "Industries."
    )
    assert (frozenset({"IAI", "ISRO"}), "RISAT-2") in identities(extract(text))
