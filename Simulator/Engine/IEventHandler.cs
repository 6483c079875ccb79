namespace DeploySim.Engine;

/// <summary>Receives every dispatched event. The world implements it with a <c>switch</c> on <see cref="Event.Kind"/>.</summary>
public interface IEventHandler
{
    void Handle(in Event e);
}
