// Placeholder so the package resolves; replaced by the target's code.
