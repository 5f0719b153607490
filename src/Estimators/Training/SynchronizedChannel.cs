using Microsoft.ML.Runtime;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// A channel that sends one message at a time, for trainers that run side by side: <c>MLContext.Log</c> handlers are
/// written for ML.NET's one-message-at-a-time logging and need not be thread-safe.
/// </summary>
internal sealed class SynchronizedChannel(IChannel inner) : IChannel
{
    private readonly Lock sending = new();

    public string ContextDescription => inner.ContextDescription;

    public void Send(ChannelMessage message)
    {
        lock (sending)
            inner.Send(message);
    }

    public void Trace(MessageSensitivity sensitivity, string message)
    {
        lock (sending)
            inner.Trace(sensitivity, message);
    }

    public void Trace(MessageSensitivity sensitivity, string format, params object[] args)
    {
        lock (sending)
            inner.Trace(sensitivity, format, args);
    }

    public void Info(MessageSensitivity sensitivity, string message)
    {
        lock (sending)
            inner.Info(sensitivity, message);
    }

    public void Info(MessageSensitivity sensitivity, string format, params object[] args)
    {
        lock (sending)
            inner.Info(sensitivity, format, args);
    }

    public void Warning(MessageSensitivity sensitivity, string message)
    {
        lock (sending)
            inner.Warning(sensitivity, message);
    }

    public void Warning(MessageSensitivity sensitivity, string format, params object[] args)
    {
        lock (sending)
            inner.Warning(sensitivity, format, args);
    }

    public void Error(MessageSensitivity sensitivity, string message)
    {
        lock (sending)
            inner.Error(sensitivity, message);
    }

    public void Error(MessageSensitivity sensitivity, string format, params object[] args)
    {
        lock (sending)
            inner.Error(sensitivity, format, args);
    }

    public TException Process<TException>(TException exception) where TException : Exception => inner.Process(exception);

    /// <summary>Does nothing: the channel belongs to the caller, who disposes it.</summary>
    public void Dispose()
    {
    }
}
