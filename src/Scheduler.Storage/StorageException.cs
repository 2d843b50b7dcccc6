namespace Scheduler.Storage;

/// <summary>The database cannot be used as asked: not ours, from a newer version, or a run that does not exist.</summary>
public sealed class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
