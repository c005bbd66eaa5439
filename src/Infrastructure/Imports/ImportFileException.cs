namespace SociaalDomein.Infrastructure.Imports;

/// <summary>The file as a whole cannot be imported (empty, binary, an Excel file without a sheet, XML that is not a
/// 301 message, a required column missing). The message is Dutch and names the file; nothing is loaded.</summary>
public sealed class ImportFileException(string message) : Exception(message);
