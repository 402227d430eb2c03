namespace ConformanceKit.Reports.Allure.Model;

/// <summary>A result's outcome; serialized lower-case (<c>"failed"</c>), as Allure's reader expects.</summary>
public enum AllureStatus { Failed, Broken, Passed, Skipped }

/// <summary>A result's life-cycle stage; everything this writer emits is <see cref="Finished"/>.</summary>
public enum AllureStage { Scheduled, Running, Finished, Pending, Interrupted }
