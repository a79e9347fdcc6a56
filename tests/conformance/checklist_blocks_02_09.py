"""Checklist for blocks 2 to 9 of Beraadslaging 17/020, section A, point 2.

One dict per block: each phrase of the bullet's Dutch text (verbatim, whitespace normalised),
in the order of the text, mapped to the catalogue variables ("table.variable") it became.
Phrases that name a period or a grain map to the key columns that carry them. Technical
sequence keys (spell_number) appear under the phrase whose records they number.
No test functions here: the conformance test imports these dicts.
"""

CHECKLIST_02 = {
    "Toestand op 1 januari 2016": ["situation_2016.person_id"],
    "het register waarin de betrokkene is opgenomen": ["situation_2016.register_2016"],
    "de reden van het verblijf": ["situation_2016.residence_reason"],
    "het gepseudonimiseerd identificatienummer van de ouders": [
        "situation_2016.father_id",
        "situation_2016.mother_id",
    ],
    "de grootouders": [
        "situation_2016.paternal_grandfather_id",
        "situation_2016.paternal_grandmother_id",
        "situation_2016.maternal_grandfather_id",
        "situation_2016.maternal_grandmother_id",
    ],
}

CHECKLIST_03 = {
    "(voor alle kwartalen van 2013, 2014 en 2015)": [
        "income_quarter.person_id",
        "income_quarter.quarter",
        "income_benefit.person_id",
        "income_benefit.quarter",
    ],
    "het brutoloon van de werknemer": ["income_quarter.gross_wage"],
    "het bruto belastbaar loon van de werknemer": ["income_quarter.gross_taxable_wage"],
    "het netto zelfstandigeninkomen": ["income_quarter.net_self_employed_income"],
    "de bruto uitkering (per bevoegde instelling van sociale zekerheid)": [
        "income_benefit.institution",
        "income_benefit.gross_benefit",
    ],
    "de bruto belastbare uitkering (per bevoegde instelling van sociale zekerheid)": [
        "income_benefit.institution",
        "income_benefit.gross_taxable_benefit",
    ],
    "de arbeidsmarktpositie": ["income_quarter.labour_market_position"],
    "het statuut op het vlak van de sociale zekerheid (per mogelijk statuut de aanduiding ja/neen)": [
        "income_quarter.ss_status_employee",
        "income_quarter.ss_status_civil_servant",
        "income_quarter.ss_status_self_employed",
        "income_quarter.ss_status_helper",
        "income_quarter.ss_status_unemployed",
        "income_quarter.ss_status_career_break",
        "income_quarter.ss_status_early_retirement",
        "income_quarter.ss_status_sickness_invalidity",
        "income_quarter.ss_status_maternity",
        "income_quarter.ss_status_work_accident",
        "income_quarter.ss_status_occupational_disease",
        "income_quarter.ss_status_pensioner",
        "income_quarter.ss_status_income_guarantee_elderly",
        "income_quarter.ss_status_integration_income",
        "income_quarter.ss_status_disability_allowance",
        "income_quarter.ss_status_child_benefit_child",
        "income_quarter.ss_status_child_benefit_recipient",
    ],
    "de werkintensiteit op gezinsniveau (volgens twee definities)": [
        "income_quarter.household_work_intensity_eu",
        "income_quarter.household_work_intensity_fte",
    ],
}

CHECKLIST_04 = {
    "Arbeidsongevallen": ["work_accident.person_id", "work_accident.spell_number"],
    "de graad van permanente/tijdelijke arbeidsongeschiktheid": [
        "work_accident.permanent_incapacity_degree",
        "work_accident.temporary_incapacity_degree",
    ],
    "de graad voor hulp van derden": ["work_accident.third_party_help_degree"],
    "het begin en het einde van de arbeidsongeschiktheid": [
        "work_accident.work_accident_incapacity_start",
        "work_accident.work_accident_incapacity_end",
    ],
    "het aantal dagen tijdelijke arbeidsongeschiktheid met volledige/gedeeltelijke afwezigheid": [
        "work_accident.temporary_incapacity_days_full",
        "work_accident.temporary_incapacity_days_partial",
    ],
    "het verloren loon": ["work_accident.work_accident_lost_wage"],
    "het voorgesteld loon dat dient als basis voor de berekening van de uitkering": [
        "work_accident.work_accident_base_wage",
    ],
    "het bedrag voor tijdelijke arbeidsongeschiktheid met volledige/gedeeltelijke afwezigheid": [
        "work_accident.temporary_incapacity_amount_full",
        "work_accident.temporary_incapacity_amount_partial",
    ],
    "de beroepscategorie op het moment van het arbeidsongeval": [
        "work_accident.work_accident_occupational_category",
    ],
}

CHECKLIST_05 = {
    "Beroepsziekten": ["occupational_disease.person_id", "occupational_disease.spell_number"],
    "het percentage arbeidsongeschiktheid": [
        "occupational_disease.occupational_disease_incapacity_pct",
    ],
    "het type uitkering": ["occupational_disease.occupational_disease_benefit_type"],
    "het basisloon waarop de uitkering berekend wordt": [
        "occupational_disease.occupational_disease_base_wage",
    ],
    "het type periode": ["occupational_disease.occupational_disease_period_type"],
    "het begin en het einde van de betaling": [
        "occupational_disease.occupational_disease_payment_start",
        "occupational_disease.occupational_disease_payment_end",
    ],
    "het bedrag van de uitkering": ["occupational_disease.occupational_disease_benefit_amount"],
}

CHECKLIST_06 = {
    "Andere arbeidsongeschiktheden": [
        "other_incapacity.person_id",
        "other_incapacity.spell_number",
    ],
    "de reden van de afwezigheid": ["other_incapacity.absence_reason"],
    "het stelsel": ["other_incapacity.other_incapacity_scheme"],
    "het aantal dagen arbeidsongeschiktheid": ["other_incapacity.other_incapacity_days"],
    "het begin en het einde van de arbeidsongeschiktheid": [
        "other_incapacity.other_incapacity_start",
        "other_incapacity.other_incapacity_end",
    ],
    "het bedrag van de uitkering": ["other_incapacity.other_incapacity_benefit_amount"],
    "het sociaal statuut": ["other_incapacity.other_incapacity_social_status"],
    "het einde van de betrekking als grensarbeider": [
        "other_incapacity.cross_border_employment_end"
    ],
}

CHECKLIST_07 = {
    "Tussenkomsten van een openbaar centrum voor maatschappelijk welzijn": [
        "social_assistance.person_id",
        "social_assistance.spell_number",
    ],
    "het bedrag": ["social_assistance.social_assistance_amount"],
    "het begin en het einde van de betaling": [
        "social_assistance.social_assistance_payment_start",
        "social_assistance.social_assistance_payment_end",
    ],
    "het percentage en de omschrijving van de terugbetaling door de overheid": [
        "social_assistance.federal_reimbursement_pct",
        "social_assistance.federal_reimbursement_description",
    ],
    "de toepasselijke regelgeving": ["social_assistance.social_assistance_regulation"],
    "de gezinscategorie": ["social_assistance.social_assistance_household_category"],
    "het statuut": ["social_assistance.social_assistance_status"],
    "het type": ["social_assistance.social_assistance_type"],
    "de aanvaarding van de tewerkstelling": ["social_assistance.employment_accepted"],
    "het type tewerkstelling": ["social_assistance.social_assistance_employment_type"],
    "de plaats van tewerkstelling": ["social_assistance.social_assistance_employment_place"],
    "het uurrooster": ["social_assistance.social_assistance_employment_schedule"],
    "het type tewerkstellingsprogramma": [
        "social_assistance.social_assistance_employment_programme"
    ],
    "het type tussenkomende organisatie": ["social_assistance.social_assistance_organisation_type"],
    "het type geïndividualiseerd integratieproject": [
        "social_assistance.social_assistance_integration_project_type",
    ],
    "het projecttype": ["social_assistance.social_assistance_project_type"],
    "het activeringstype": ["social_assistance.social_assistance_activation_type"],
}

CHECKLIST_08 = {
    "Invaliditeit en zwangerschapsverlof": [
        "invalidity_payment.person_id",
        "invalidity_payment.spell_number",
        "invalidity_file.person_id",
        "invalidity_file.spell_number",
    ],
    "de betalingscode": ["invalidity_payment.invalidity_payment_code"],
    "het stelsel": ["invalidity_payment.invalidity_payment_scheme"],
    "het aantal vergoede dagen": ["invalidity_payment.invalidity_paid_days"],
    "het bedrag van de uitkering": ["invalidity_payment.invalidity_benefit_amount"],
    "het begin en het einde van de betalingsperiode": [
        "invalidity_payment.invalidity_payment_start",
        "invalidity_payment.invalidity_payment_end",
    ],
    "het begin van de primaire arbeidsongeschiktheid": [
        "invalidity_payment.primary_incapacity_start"
    ],
    "de uittredingscode per stelsel": [
        "invalidity_file.invalidity_file_scheme",
        "invalidity_file.invalidity_exit_code",
    ],
    "de sociale staat per stelsel": [
        "invalidity_file.invalidity_file_scheme",
        "invalidity_file.invalidity_social_state",
    ],
    "de medische code per stelsel (de aandoening op basis waarvan de betrokkene als invalide erkend is door de Geneeskundige Raad voor Invaliditeit)": [
        "invalidity_file.invalidity_file_scheme",
        "invalidity_file.invalidity_medical_code",
    ],
}

CHECKLIST_09 = {
    "Kinderbijslag (werknemersstelsel en zelfstandigenstelsel, per kind)": [
        "child_benefit.child_id",
        "child_benefit.child_benefit_scheme",
    ],
    "het begin en het einde van de betaling": [
        "child_benefit.child_benefit_payment_start",
        "child_benefit.child_benefit_payment_end",
    ],
    "de hoedanigheid van elke actor": ["child_benefit.actor_id", "child_benefit.actor_role"],
    "het dossiernummer": ["child_benefit.child_benefit_file_number"],
    "het bevoegde kinderbijslagfonds": ["child_benefit.child_benefit_fund"],
    "het bevoegde bureau": ["child_benefit.child_benefit_office"],
}
