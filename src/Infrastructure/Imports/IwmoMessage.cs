using System.Xml;
using System.Xml.Linq;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// What the iWmo/iJw messages the imports read (301 toewijzingen, 323 declaraties; docs/import-formats.md) share: loading
/// without DTDs or external resolution, the law a message is for, the standard's unit codes, and finding elements by
/// local name (the basisschema's elements have another namespace than the message's).
/// </summary>
internal static class IwmoMessage
{
    /// <summary>The message's root element with line numbers, or null when the stream is not well-formed XML.</summary>
    public static XElement? Load(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Wmo or Jeugdwet for a message of type <paramref name="message"/> ("301", "323"): by the namespace
    /// (…/wmo301/…, …/jw301/…), else by the header's BerichtCode. Null when the root is no Bericht of that type.</summary>
    public static Law? LawOf(XElement root, string message, string wmoCode, string jwCode)
    {
        if (root.Name.LocalName != "Bericht")
        {
            return null;
        }

        var ns = root.Name.NamespaceName;
        if (ns.Contains($"/wmo{message}/", StringComparison.OrdinalIgnoreCase))
        {
            return Law.Wmo;
        }

        if (ns.Contains($"/jw{message}/", StringComparison.OrdinalIgnoreCase))
        {
            return Law.Jeugdwet;
        }

        var code = Value(Find(root, "Header"), "BerichtCode");
        return code == wmoCode ? Law.Wmo : code == jwCode ? Law.Jeugdwet : null;
    }

    /// <summary>The unit name of the import files for a code of the standard's unit list.</summary>
    public static string UnitName(string code) => code switch
    {
        "" => "",
        "01" => "minuut",
        "04" => "uur",
        "14" => "etmaal",
        "16" => "dagdeel",
        "82" or "84" => "stuk",
        "83" => "euro",
        _ => code, // unknown code: the validator names it
    };

    /// <summary>The trimmed text of the first child with this local name, or "".</summary>
    public static string Value(XElement? parent, string localName) =>
        Find(parent, localName)?.Value.Trim() ?? "";

    public static XElement? Find(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
