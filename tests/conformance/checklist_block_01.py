"""Block 1, Persoonskenmerken: every phrase of the source text and the variables it became."""

CHECKLIST_01 = {
    "het gepseudonimiseerd identificatienummer van de betrokkene": ["person.person_id"],
    "van de referentiepersoon": ["person.reference_person_id"],
    "en van het gezin": ["person.household_id"],
    "het wel/niet geselecteerd zijn bij de steekproeftrekking": ["person.sampled"],
    "het verband met het gezinshoofd": ["person.relation_to_head"],
    "de geboortedatum": ["person.birth_date"],
    "het geboorteland": ["person.country_of_birth"],
    "het geslacht": ["person.sex"],
    "de gemeente van de woonplaats": ["person.municipality"],
    "de eerste nationaliteit (in klassen)": ["person.first_nationality"],
    "de huidige nationaliteit (in klassen)": ["person.current_nationality"],
    "het gezinstype": ["person.household_type"],
    "de LIPRO-code": ["person.lipro_code"],
    "de burgerlijke staat": ["person.civil_status"],
    "het register van inschrijving": ["person.register"],
    "de beroepencode (in geval van tewerkstelling bij de Europese Unie)": [
        "person.eu_occupation_code"
    ],
    "de opleiding (niveau, vorm, net, modaliteiten)": [
        "person.education_level",
        "person.education_form",
        "person.education_network",
        "person.education_modality",
    ],
    "de diplomacode": ["person.diploma_code"],
}
