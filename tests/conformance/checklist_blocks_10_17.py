"""Blocks 10-17 of Beraadslaging 17/020, A.2: every phrase of the source text, in the order of
the text, and the catalogue variables (table.variable) it became. Grain keys that no phrase
names (person_id, line and spell numbers, some period keys) are not listed."""

# Block 10: Beroepsactiviteiten als zelfstandige
CHECKLIST_10 = {
    "voor alle kwartalen van 2015": ["self_employment_quarter.quarter"],
    "de beroepscode": ["self_employment_quarter.self_employed_occupation"],
    "de NACE-code": ["self_employment_quarter.self_employed_nace"],
    "de bijdragecategorie": ["self_employment_quarter.self_employed_contribution_category"],
    "de hoedanigheidscode": ["self_employment_quarter.self_employed_capacity"],
    "het begin en het einde van de aansluiting": [
        "self_employment_quarter.self_employed_affiliation_start",
        "self_employment_quarter.self_employed_affiliation_end",
    ],
    "voor de periode 2010-2015, de nettobedrijfsinkomsten (per jaar)": [
        "self_employment_income.net_business_income",
    ],
}

# Block 11: Beroepsactiviteiten als werknemer (per tewerkstellingslijn)
CHECKLIST_11 = {
    "per tewerkstellingslijn, voor het vierde kwartaal 2015": ["employment_line.line_number"],
    "het gepseudonimiseerd identificatienummer van de werkgever": ["employment_line.employer_id"],
    "de sector": ["employment_line.employer_sector"],
    "het nummer van het paritair comité": ["employment_line.joint_committee"],
    "de werknemerscode": ["employment_line.worker_code"],
    "de (gewone/bijzondere) werknemersklasse": [
        "employment_line.worker_class",
        "employment_line.special_worker_class",
    ],
    "het werkgeverskengetal": ["employment_line.employer_key_number"],
    "de werkgeverscategorie": ["employment_line.employer_category"],
    "de dimensieklasse": ["employment_line.employer_size_class"],
    "de aard van het record (origineel/bijgeschat)": ["employment_line.record_nature"],
    "de reden voor de uitsluiting": ["employment_line.exclusion_reason"],
    "het prestatietype": ["employment_line.performance_type"],
    "het percentage deeltijdse tewerkstelling": ["employment_line.part_time_percentage"],
    "het percentage tewerkstelling (zonder/met gelijkgestelde dagen)": [
        "employment_line.employment_percentage_excl_assimilated",
        "employment_line.employment_percentage_incl_assimilated",
    ],
    "de hoofdprestatie": ["employment_line.is_main_job"],
    "de verminderingscode": ["employment_line.reduction_code"],
    "het gecumuleerd bedrag van de vermindering": ["employment_line.reduction_amount_cumulated"],
    "het bedrag van de werkgeversbijdrage": ["employment_line.employer_contribution_amount"],
    "het bedrag van de persoonlijke bijdrage": ["employment_line.personal_contribution_amount"],
    "het bedrag van de bijzondere bijdrage": ["employment_line.special_contribution_amount"],
    "het aantal bezoldigde dagen (voltijds/deeltijds)": [
        "employment_line.paid_days_full_time",
        "employment_line.paid_days_part_time",
    ],
    "het aantal bezoldigde dagen vooropzeg": ["employment_line.paid_notice_days"],
    "het aantal bezoldigde vakantiedagen": ["employment_line.paid_holiday_days"],
    "het aantal bezoldigde gelijkgestelde dagen": ["employment_line.paid_assimilated_days"],
    "de hoofdcode van de gelijkgestelde dagen": ["employment_line.assimilated_days_main_code"],
    "het aantal dagen per week": ["employment_line.days_per_week"],
    "het aantal uren voltijdse/deeltijdse tewerkstelling": [
        "employment_line.hours_full_time",
        "employment_line.hours_part_time",
    ],
    "het aantal uren van de maatman": ["employment_line.reference_person_hours"],
    "het voltijdsequivalent": ["employment_line.fte"],
    "het voltijdsequivalent exclusief/inclusief gelijkgestelde dagen": [
        "employment_line.fte_excl_assimilated",
        "employment_line.fte_incl_assimilated",
    ],
    "het aantal gepresteerde dagen/uren (specifieke prestatiecodes)": [
        "employment_line.days_performed_specific_codes",
        "employment_line.hours_performed_specific_codes",
    ],
    "de code van de bijdragevermindering": ["employment_line.contribution_reduction_code"],
    "de berekeningsbasis": ["employment_line.reduction_calculation_basis"],
    "het basisloon": ["employment_line.base_wage"],
    "het gewoon loon": ["employment_line.ordinary_wage"],
    "het wachtloon": ["employment_line.waiting_wage"],
    "het forfaitair loon": ["employment_line.lump_sum_wage"],
    "de premies": ["employment_line.premiums"],
    "het voordeel van het gebruik van een voertuig": ["employment_line.vehicle_benefit"],
    "de vooropzeg": ["employment_line.notice_pay"],
    "de verbrekingsvergoeding": ["employment_line.severance_pay"],
    "het berekend dagloon": ["employment_line.calculated_daily_wage"],
    "het gemiddeld dagloon": ["employment_line.average_daily_wage"],
    "de bijdrageplichtige loonmassa": ["employment_line.contributory_wage_bill"],
    "de bijdragevermindering (werkgever/werknemer)": [
        "employment_line.contribution_reduction_employer",
        "employment_line.contribution_reduction_employee",
    ],
    "de toepasselijkheid van de Sociale Maribel": ["employment_line.social_maribel"],
    (
        "de bijdragecode, de berekeningsbasis en het bedrag van de werkgeversbijdragen "
        "voor winstparticipaties, bedrijfsvoertuigen en extralegale pensioenen"
    ): [
        "employment_line.profit_sharing_contribution_code",
        "employment_line.profit_sharing_contribution_basis",
        "employment_line.profit_sharing_contribution_amount",
        "employment_line.company_car_contribution_code",
        "employment_line.company_car_contribution_basis",
        "employment_line.company_car_contribution_amount",
        "employment_line.supplementary_pension_contribution_code",
        "employment_line.supplementary_pension_contribution_basis",
        "employment_line.supplementary_pension_contribution_amount",
    ],
    "het arrondissement van de werkplaats": ["employment_line.workplace_district"],
}

# Block 12: Beroepsactiviteiten als werknemer (per jaar)
CHECKLIST_12 = {
    "voor elk jaar van 2006-2015": ["employment_year.year"],
    "de werknemersklasse": ["employment_year.annual_worker_class"],
    "de bijdragecode": ["employment_year.annual_contribution_code"],
    "de reden voor de uitsluiting": ["employment_year.annual_exclusion_reason"],
    "het aantal uren deeltijdse tewerkstelling": ["employment_year.annual_part_time_hours"],
    "het aantal gelijkgestelde dagen/uren": [
        "employment_year.annual_assimilated_days",
        "employment_year.annual_assimilated_hours",
    ],
    "het aantal vergoede dagen/uren": [
        "employment_year.annual_compensated_days",
        "employment_year.annual_compensated_hours",
    ],
    "het aantal bezoldigde dagen voltijdse/deeltijdse tewerkstelling": [
        "employment_year.annual_paid_days_full_time",
        "employment_year.annual_paid_days_part_time",
    ],
    "het percentage tewerkstelling (zonder/met gelijkgestelde dagen)": [
        "employment_year.annual_employment_percentage_excl_assimilated",
        "employment_year.annual_employment_percentage_incl_assimilated",
    ],
    "het voltijdsequivalent exclusief/inclusief gelijkgestelde dagen": [
        "employment_year.annual_fte_excl_assimilated",
        "employment_year.annual_fte_incl_assimilated",
    ],
    "de bezoldigingen op jaarbasis": ["employment_year.annual_pay"],
    "de bezoldigingen op kwartaalbasis (volgens diverse berekeningswijzen)": [
        "employment_year.quarterly_pay_per_quarter_worked",
        "employment_year.quarterly_pay_full_time_equivalent",
    ],
    "het gemiddeld dagloon": ["employment_year.annual_average_daily_wage"],
}

# Block 13: Beroepsactiviteiten als werknemer (per kwartaal)
CHECKLIST_13 = {
    "de toepasselijke tewerkstellingsmaatregel": ["employment_quarter.employment_measure"],
    "de tewerkstelling in het stelsel van de dienstencheques": [
        "employment_quarter.service_voucher_employment",
    ],
    "de belangrijkste activiteitensector van de werkgever": [
        "employment_quarter.main_employer_sector",
    ],
}

# Block 14: Werkloosheid
CHECKLIST_14 = {
    "het werkloosheidsstatuut (voor elk jaar van 2006-2015)": ["unemployment.unemployment_status"],
    "de reden (in geval van loopbaanonderbreking/tijdskrediet)": [
        "unemployment.career_break_reason",
    ],
    "het bedrag van de dagvergoeding die aan de werkloze toegekend wordt": [
        "unemployment.unemployment_daily_allowance",
    ],
    "het aantal dagen waarvoor een werkloosheidsuitkering wordt ontvangen": [
        "unemployment.unemployment_benefit_days",
    ],
    "het bedrag van de werkloosheidsuitkering ontvangen tijdens het jaar": [
        "unemployment.unemployment_benefit_year",
    ],
    "de werkloosheidsduur": ["unemployment.unemployment_duration"],
    (
        "het aantal uren gewerkt in het kader van een plaatselijk "
        "werkgelegenheidsagentschap gedurende het jaar"
    ): [
        "unemployment.lea_hours",
    ],
    "de vergoedingscategorie van de werkloze": ["unemployment.unemployment_compensation_category"],
}

# Block 15: Pensioenen
CHECKLIST_15 = {
    "de code alleenstaande": ["pension_right.pension_single_code"],
    "de code gezinslast": ["pension_right.pension_family_burden_code"],
    "de code echtgenoot ten laste": ["pension_right.pension_dependent_spouse_code"],
    "het aantal kinderen ten laste": ["pension_right.pension_dependent_children"],
    "het aantal andere personen ten laste": ["pension_right.pension_other_dependants"],
    "de begindatum van het pensioen": ["pension_right.pension_start_date"],
    "de begindatum van het huidig recht": ["pension_right.pension_current_right_start"],
    "het type pensioenrecht": ["pension_right.pension_right_type"],
    "het brutobedrag van het pensioen": ["pension_right.pension_gross_amount"],
}

# Block 16: Statuut van persoon met een handicap
CHECKLIST_16 = {
    "voor alle kwartalen van 2015": ["disability_allowance.quarter"],
    "het type record": ["disability_allowance.disability_record_type"],
    "de toepasselijke regelgeving": ["disability_allowance.disability_regulation"],
    "het begin en het einde van de medische procedure tot erkenning van de handicap": [
        "disability_allowance.medical_procedure_start",
        "disability_allowance.medical_procedure_end",
    ],
    (
        "de erkenning van de handicap (50% onderste ledematen, volledige blindheid, "
        "amputatie van de bovenste ledematen, verlamming van de bovenste ledematen)"
    ): [
        "disability_allowance.recognition_lower_limbs_50",
        "disability_allowance.recognition_total_blindness",
        "disability_allowance.recognition_upper_limb_amputation",
        "disability_allowance.recognition_upper_limb_paralysis",
    ],
    "het percentage van de ongeschiktheid van het kind": [
        "disability_allowance.child_incapacity_percentage",
    ],
    (
        "het aantal punten dat het kind scoort op het vlak van de gevolgen van de "
        "aandoening (in totaal en voor elk van de drie pijlers afzonderlijk: lichamelijke "
        "of geestelijke ongeschiktheid, activiteit en participatie, familiale omgeving)"
    ): [
        "disability_allowance.child_points_total",
        "disability_allowance.child_points_pillar_physical_mental",
        "disability_allowance.child_points_pillar_activity_participation",
        "disability_allowance.child_points_pillar_family_environment",
    ],
    (
        "het aantal punten dat het kind scoort op het vlak van de vermindering van de "
        "zelfredzaamheid"
    ): [
        "disability_allowance.child_self_reliance_points",
    ],
    "de erkenning van de vermindering van het verdienvermogen": [
        "disability_allowance.earning_capacity_reduction_recognised",
    ],
    (
        "het aantal punten dat de volwassene scoort voor de vermindering van de "
        "zelfredzaamheid (in totaal en voor elk van de zes criteria afzonderlijk: "
        "verplaatsingsmogelijkheden, voedsel nuttigen of bereiden, persoonlijke hygiëne "
        "en zichzelf kleden, woning onderhouden en huishoudelijk werk verrichten, leven "
        "zonder toezicht, communicatie en sociaal contact)"
    ): [
        "disability_allowance.adult_self_reliance_points_total",
        "disability_allowance.adult_self_reliance_mobility",
        "disability_allowance.adult_self_reliance_food",
        "disability_allowance.adult_self_reliance_hygiene_dressing",
        "disability_allowance.adult_self_reliance_housekeeping",
        "disability_allowance.adult_self_reliance_unsupervised_living",
        "disability_allowance.adult_self_reliance_communication",
    ],
    "de overlijdensdatum van de betrokkene": ["disability_allowance.death_date"],
    "het theoretisch bedrag voor de betalingsperiode": [
        "disability_allowance.disability_theoretical_amount",
    ],
    "het werkelijk bedrag betaald gedurende de betalingsperiode": [
        "disability_allowance.disability_paid_amount",
    ],
    "de statistische classificatie": [
        "disability_allowance.disability_statistical_classification",
    ],
    "het begin en het einde van de betalingsperiode": [
        "disability_allowance.disability_payment_period_start",
        "disability_allowance.disability_payment_period_end",
    ],
    "het totaal gesimuleerd maandbedrag": ["disability_allowance.simulated_monthly_total"],
    "het gesimuleerd maandbedrag van de integratietegemoetkoming": [
        "disability_allowance.simulated_monthly_integration_allowance",
    ],
    "de maand ten opzichte van dewelke geïndexeerd moet worden": [
        "disability_allowance.indexation_reference_month",
    ],
    "het begin en het einde van het recht": [
        "disability_allowance.disability_right_start",
        "disability_allowance.disability_right_end",
    ],
    "de datum van de beslissing tot eventuele herziening van het recht": [
        "disability_allowance.revision_decision_date",
    ],
    "de gewijzigde datum van de beslissing": ["disability_allowance.modified_decision_date"],
    "het gecodeerd identificatienummer van de partner van de rechthebbende": [
        "disability_allowance.partner_id",
    ],
    "het begin en het einde van het partnerschap": [
        "disability_allowance.partnership_start",
        "disability_allowance.partnership_end",
    ],
    (
        "de aanduiding van de integratietegemoetkoming, de inkomensvervangende "
        "tegemoetkoming of de tegemoetkoming voor hulp aan bejaarden"
    ): [
        "disability_allowance.disability_allowance_type",
    ],
}

# Block 17: Loopbaan (SIGEDIS)
CHECKLIST_17 = {
    "de loopbaancode": ["career.career_code"],
    "het loopbaanjaar": ["career.career_year"],
    "de jaarbezoldiging": ["career.career_yearly_pay"],
    "het aantal gepresteerde dagen": ["career.career_days_worked"],
    "het aantal gelijkgestelde dagen": ["career.career_assimilated_days"],
    "het aantal uren per week van de maatman": ["career.career_reference_hours_per_week"],
    "het aantal uren gepresteerd als deeltijdse arbeider": ["career.career_part_time_hours"],
    "het aantal gelijkgestelde uren": ["career.career_assimilated_hours"],
    "de periode van arbeidsongeschiktheid (begindatum en einddatum)": [
        "career.career_incapacity_start",
        "career.career_incapacity_end",
    ],
    "het percentage arbeidsongeschiktheid": ["career.career_incapacity_percentage"],
    "het recht op de inkomensgarantieuitkering": ["career.iga_right"],
    "de aanduiding dat de inkomensgarantieuitkering wordt toegekend per maand van het jaar": [
        "career.iga_month_01",
        "career.iga_month_02",
        "career.iga_month_03",
        "career.iga_month_04",
        "career.iga_month_05",
        "career.iga_month_06",
        "career.iga_month_07",
        "career.iga_month_08",
        "career.iga_month_09",
        "career.iga_month_10",
        "career.iga_month_11",
        "career.iga_month_12",
    ],
    "de startdatum van het behoud van rechten": ["career.rights_preservation_start"],
    "de start en het einde van de deeltijdse periode (met inkomensgarantieuitkering)": [
        "career.part_time_period_start",
        "career.part_time_period_end",
    ],
    "het type onderwerping": ["career.subjection_type"],
    "de bevoegde instelling van sociale zekerheid": ["career.career_institution"],
    "de toekenningscode": ["career.grant_code"],
}
