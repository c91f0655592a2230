"""Country and US state names: for "which country…" and "which state…" questions (a sentence
naming one that the question does not is likely the answer), for the keyword search (a country's
adjective also finds the country), and for the decline's check that the passages are set where
the question is (PLACE_FORMS)."""

# fmt: off
COUNTRIES = frozenset({
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso",
    "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile", "China",
    "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia",
    "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "England",
    "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon",
    "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Greenland", "Grenada", "Guatemala", "Guinea", "Guyana",
    "Haiti", "Honduras", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland",
    "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kosovo",
    "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
    "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania",
    "Mauritius", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar",
    "Namibia", "Nauru", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
    "North Macedonia", "Northern Ireland", "Norway", "Oman", "Pakistan", "Palau", "Palestine", "Panama",
    "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Puerto Rico", "Qatar", "Romania",
    "Russia", "Rwanda", "Samoa", "San Marino", "Saudi Arabia", "Scotland", "Senegal", "Serbia", "Seychelles",
    "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa",
    "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria",
    "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia", "Turkey",
    "Turkmenistan", "Tuvalu", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States",
    "Uruguay", "Uzbekistan", "Vanuatu", "Vatican", "Venezuela", "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe",
    "Britain", "Great Britain", "America", "Holland", "Burma", "Türkiye",
})
US_STATES = frozenset({
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
})
# fmt: on
STATES_AND_COUNTRIES = COUNTRIES | US_STATES

# A people's or a country's adjective and the country it names, as news writes both ("the Turkish
# election", "Turkey's election"): the keyword search looks for the country too.
DEMONYMS = {
    "afghan": "Afghanistan", "argentine": "Argentina", "argentinian": "Argentina",
    "australian": "Australia", "brazilian": "Brazil", "british": "Britain", "canadian": "Canada",
    "chinese": "China", "colombian": "Colombia", "cuban": "Cuba", "dutch": "Netherlands", "egyptian": "Egypt",
    "ethiopian": "Ethiopia", "french": "France", "german": "Germany", "greek": "Greece", "haitian": "Haiti",
    "indian": "India", "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland",
    "israeli": "Israel", "italian": "Italy", "japanese": "Japan", "kenyan": "Kenya", "lebanese": "Lebanon",
    "libyan": "Libya", "mexican": "Mexico", "moroccan": "Morocco", "nigerian": "Nigeria", "norwegian": "Norway",
    "pakistani": "Pakistan", "palestinian": "Palestinians", "peruvian": "Peru", "philippine": "Philippines",
    "polish": "Poland", "portuguese": "Portugal", "russian": "Russia", "saudi": "Saudi Arabia",
    "scottish": "Scotland", "spanish": "Spain", "sudanese": "Sudan", "swedish": "Sweden", "swiss": "Switzerland",
    "syrian": "Syria", "taiwanese": "Taiwan", "thai": "Thailand", "turkish": "Turkey", "ukrainian": "Ukraine",
    "venezuelan": "Venezuela", "vietnamese": "Vietnam", "welsh": "Wales", "yemeni": "Yemen",
    "korean": "Korea", "finnish": "Finland", "danish": "Denmark", "chilean": "Chile",
}  # fmt: skip

# Each country's adjectives as written ("Turkey": "Turkish"), DEMONYMS turned round.
ADJECTIVES_OF: dict[str, tuple[str, ...]] = {
    country: tuple(adjective.capitalize() for adjective, named in DEMONYMS.items() if named == country)
    for country in dict.fromkeys(DEMONYMS.values())
}

# Places too commonly written some other way ("the US", "U.K.", "Americans") to say that passages
# not writing them are about another place; and places whose names are as often a common word or
# a person's ("chile peppers", "turkey prices", "Michael Jordan").
WRITTEN_OTHERWISE = frozenset({"America", "United States", "Britain", "Great Britain", "United Kingdom", "England"})
_ALSO_WORDS = frozenset({"Turkey", "Chile", "Chad", "Jordan", "Georgia", "China", "Guinea", "Washington", "Virginia"})
# Of those, the ones that, capitalised inside a sentence, are the place: "the Turkey earthquake",
# "China's balloon" (a probe's "How many people died in the Turkey earthquake in March?" had been
# answered with March's tornadoes). Opening a sentence, they may be the word ("Turkey prices …").
CAPITALISED_PLACES = {"Turkey": "Türkiye", "China": "China", "Chile": "Chile"}
# Other ways news writes a place: renamed or spelt otherwise, and the AP's abbreviations of states
# ("R-Ky.", "Fresno, Calif."), which some articles use alone.
_ALSO_WRITTEN = {
    "Türkiye": ("Turkiye", "Turkey", "Turkish"),  # Turkey itself is also a bird (_ALSO_WORDS)
    "Myanmar": ("Burma",),
    "Eswatini": ("Swaziland",),
    "Netherlands": ("Holland",),
    "Czechia": ("Czech", "Czech Republic"),
    "Palestine": ("Palestinian",),
    "Hawaii": ("Hawaiʻi",),
    **{
        state: (short,)
        for state, short in (
            ("Alabama", "Ala."), ("Arizona", "Ariz."), ("Arkansas", "Ark."), ("California", "Calif."),
            ("Colorado", "Colo."), ("Connecticut", "Conn."), ("Delaware", "Del."), ("Florida", "Fla."),
            ("Illinois", "Ill."), ("Indiana", "Ind."), ("Kansas", "Kan."), ("Kentucky", "Ky."),
            ("Louisiana", "La."), ("Maryland", "Md."), ("Massachusetts", "Mass."), ("Michigan", "Mich."),
            ("Minnesota", "Minn."), ("Mississippi", "Miss."), ("Missouri", "Mo."), ("Montana", "Mont."),
            ("Nebraska", "Neb."), ("Nevada", "Nev."), ("Oklahoma", "Okla."), ("Oregon", "Ore."),
            ("Pennsylvania", "Pa."), ("Tennessee", "Tenn."), ("Vermont", "Vt."), ("Wisconsin", "Wis."),
            ("Wyoming", "Wyo."),
        )
    },
}  # fmt: skip


def _place_forms() -> dict[str, tuple[str, ...]]:
    """Each one-word country or US state, and the words that name it: its adjectives ("Scottish"
    for Scotland), its other names and its abbreviation (_ALSO_WRITTEN)."""
    others = {other for forms in _ALSO_WRITTEN.values() for other in forms}
    places = {place for place in COUNTRIES | US_STATES if " " not in place} - WRITTEN_OTHERWISE - others
    places -= _ALSO_WORDS - set(CAPITALISED_PLACES.values())
    forms: dict[str, list[str]] = {place: [place, *ADJECTIVES_OF.get(place, ())] for place in sorted(places)}
    for place, also in _ALSO_WRITTEN.items():
        forms[place].extend(also)
    return {place: tuple(words) for place, words in forms.items()}


# A one-word place -> every word that names it; and each such word -> its place.
PLACE_FORMS = _place_forms()
PLACE_OF = {form: place for place, forms in PLACE_FORMS.items() for form in forms if form not in _ALSO_WORDS}


def place_of(word: str) -> str:
    """The place a word of a question names, as places_named found it (PLACE_OF, or one of
    CAPITALISED_PLACES inside a sentence)."""
    return PLACE_OF.get(word) or CAPITALISED_PLACES[word]
