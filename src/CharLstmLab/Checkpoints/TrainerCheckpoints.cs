using CharLstmLab.Training;

namespace CharLstmLab.Checkpoints;

/// <summary>A trainer to and from a checkpoint. Here, not in Trainer, so that Checkpoints depends on Training and not the other way.</summary>
public static class TrainerCheckpoints
{
    /// <summary>A deep copy of the run as it stands, safe to keep while training goes on.</summary>
    public static Checkpoint ToCheckpoint(this Trainer trainer) =>
        Checkpoint.Capture(trainer.Model, trainer.Vocabulary, trainer.Settings, trainer.Optimizer, trainer.Log);

    /// <summary>Saves the run as it stands without copying it first, so a model that barely fits in memory can still be saved.</summary>
    public static void Save(this Trainer trainer, string path) =>
        Checkpoint.Borrow(trainer.Model, trainer.Vocabulary, trainer.Settings, trainer.Optimizer, trainer.Log).Save(path);
}
