namespace SociaalDomein.Infrastructure;

/// <summary>The app cannot start (no usable database, no pseudonymisation key, ...). The message is meant for the person starting the app:
/// Dutch, saying what is wrong and what to do about it.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
