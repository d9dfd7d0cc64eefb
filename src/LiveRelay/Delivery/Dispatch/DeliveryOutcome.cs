namespace LiveRelay.Delivery.Dispatch;

/// <summary>
/// What became of one envelope: <see cref="Delivered"/>, <see cref="RetryLater"/> or <see cref="RejectedForGood"/>.
/// A queue maps these one to one: complete the message, make it visible again after <see cref="RetryLater.Delay"/>,
/// or move it to the poison queue now with <see cref="RejectedForGood.Reason"/>.
/// </summary>
/// <param name="Attempts">Live API calls made for the envelope.</param>
public abstract record DeliveryOutcome(int Attempts);
