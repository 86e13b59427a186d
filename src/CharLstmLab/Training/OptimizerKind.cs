namespace CharLstmLab.Training;

public enum OptimizerKind { Sgd, Momentum, Adagrad, Adam }
