namespace SociaalDomein.Web.Api;

/// <summary>The groups of the API in the OpenAPI document and on the API-documentatie page, with their Dutch explanation.</summary>
public static class ApiTags
{
    public const string Begroting = "Begroting";
    public const string Tarieven = "Tarieven";
    public const string Scenarios = "Scenario's";
    public const string Maatregelen = "Maatregelen";
    public const string Prognose = "Prognose";
    public const string Stapeling = "Stapeling";
    public const string Wijken = "Wijken";
    public const string Aanbieders = "Aanbieders";
    public const string Imports = "Imports";
    public const string Accounts = "Accounts";
    public const string Auditlog = "Auditlog";
    public const string Budgetplafonds = "Budgetplafonds";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Begroting] = "Begrote en werkelijke bedragen per product en domein, per jaar. Bedragen in euro's.",
        [Tarieven] = "De prijslijst: tarief per eenheid per productcode en periode, voor één aanbieder of voor alle. Lezen: Contractmanager, " +
            "Controller, Wethouder en Beheerder; wijzigen en inlezen: Contractmanager en Beheerder. Een tarief wordt nooit verwijderd, alleen beëindigd.",
        [Scenarios] = "Het verwachte tekort per scenario per jaar met de behoedzaamheidsmarge, de eigen scenario's, en alles als Excel-werkmap. " +
            "Bedragen in euro's; een tekort is negatief.",
        [Maatregelen] = "De maatregelen met hun opbrengst en uitvoeringskosten per jaar en hun gerealiseerde opbrengst per kwartaal. " +
            "Lezen mag elke rol; toevoegen, wijzigen, intrekken en realisaties vastleggen alleen Controller en Beheerder.",
        [Prognose] = "De meerjarenprognose: de tekortcomponenten per jaar (samen het tekort zonder maatregelen), de behoedzaamheidsmarge " +
            "en het indicatieve pad. Wijzigen alleen Controller en Beheerder, met een reden.",
        [Stapeling] = "Stapeling van voorzieningen per huishouden op een peildatum (Wmo, Jeugdwet, Participatiewet), als JSON of als Excel-werkmap.",
        [Aanbieders] = "Zorgaanbieders per jaar: cliënten, uitgaven, instroom, uitstroom, trajectduur, herinstroom en budgetplafonds, " +
            "met de groei ten opzichte van het jaar ervoor en de vijf grootste groeiers. Bedragen in euro's; groei als fractie.",
        [Wijken] = "De wijkindeling: welke postcodes (4 cijfers) bij welke wijk horen.",
        [Imports] = "Toewijzingen inlezen vanuit een bronbestand en het verslag van een import opvragen.",
        [Accounts] = "De accounts van de applicatie met hun rollen.",
        [Auditlog] = "Elke wijziging en elke export, met gebruiker en tijdstip. Er staan geen persoonsgegevens in.",
        [Budgetplafonds] = "Stamgegevens van aanbieders, hun budgetplafonds met besteding en prognose, en de signaleringen bij 70 % of een " +
            "verwachte overschrijding. Lezen mag elke rol; wijzigen en signaleringen afhandelen alleen Contractmanager en Beheerder.",
    };
}
