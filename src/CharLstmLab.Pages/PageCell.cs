namespace CharLstmLab.Pages;

/// <summary>One cell of a lesson page, in the order the lesson reads.</summary>
public abstract record PageCell;
