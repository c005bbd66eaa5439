namespace SociaalDomein.Infrastructure.Database;

/// <summary>The database cannot be used. The message is meant for the person starting the app:
/// Dutch, saying what is wrong and what to do about it.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
