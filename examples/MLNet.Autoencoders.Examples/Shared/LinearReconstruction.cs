namespace MLNet.Autoencoders.Examples.Shared;

/// <summary>
/// Best linear reconstruction of features from low-dimensional codes: X ≈ Z·W + b, with W and b fitted
/// by ordinary least squares.
/// </summary>
/// <remarks>
/// ML.NET's PCA transformer keeps its eigenvectors and mean internal, so its reconstruction cannot be
/// read from the model. For PCA codes, Z = (X − μ)·Vᵀ with orthonormal V whose rows are eigenvectors
/// of the covariance, and the least-squares fit gives back W = V and b = μ: the fit is exactly PCA's
/// orthogonal reconstruction X̂ = Z·V + μ.
/// </remarks>
internal static class LinearReconstruction
{
    /// <summary>
    /// Mean squared error, over all rows and features, of the least-squares reconstruction of
    /// <paramref name="features"/> from <paramref name="codes"/> (one row each), fitted on the same rows.
    /// </summary>
    public static double MeanSquaredError(IReadOnlyList<float[]> codes, IReadOnlyList<float[]> features) =>
        MeanSquaredError(Fit(codes, features), codes, features);

    /// <summary>
    /// Fits X ≈ [Z, 1]·B by the normal equations and returns B: W (one row per code dimension) on top of b.
    /// </summary>
    public static double[,] Fit(IReadOnlyList<float[]> codes, IReadOnlyList<float[]> features)
    {
        RequireRows(codes, features);
        int k = codes[0].Length + 1; // codes plus an intercept column
        int d = features[0].Length;

        // Normal equations (AᵀA)·B = AᵀX with A = [Z, 1]; B holds W on top of b.
        var gram = new double[k, k];
        var rhs = new double[k, d];
        foreach (var (code, row) in codes.Zip(features))
        {
            double[] a = WithIntercept(code);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                    gram[i, j] += a[i] * a[j];
                for (int j = 0; j < d; j++)
                    rhs[i, j] += a[i] * row[j];
            }
        }
        return Solve(gram, rhs);
    }

    /// <summary>Mean squared error of reconstructing <paramref name="features"/> from <paramref name="codes"/> with fitted <paramref name="coefficients"/>.</summary>
    public static double MeanSquaredError(double[,] coefficients, IReadOnlyList<float[]> codes, IReadOnlyList<float[]> features)
    {
        RequireRows(codes, features);
        int k = coefficients.GetLength(0);
        int d = features[0].Length;
        double sumOfSquares = 0;
        foreach (var (code, row) in codes.Zip(features))
        {
            double[] a = WithIntercept(code);
            for (int j = 0; j < d; j++)
            {
                double reconstructed = 0;
                for (int i = 0; i < k; i++)
                    reconstructed += a[i] * coefficients[i, j];
                sumOfSquares += (row[j] - reconstructed) * (row[j] - reconstructed);
            }
        }
        return sumOfSquares / ((double)codes.Count * d);
    }

    private static void RequireRows(IReadOnlyList<float[]> codes, IReadOnlyList<float[]> features)
    {
        if (codes.Count != features.Count || codes.Count == 0)
            throw new ArgumentException(
                $"Need the same, non-zero number of code and feature rows: got {codes.Count} and {features.Count}.");
    }

    private static double[] WithIntercept(float[] code) => [.. code.Select(v => (double)v), 1.0];

    /// <summary>Solves A·X = B for a small square A by Gaussian elimination with partial pivoting.</summary>
    private static double[,] Solve(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1);
        for (int col = 0; col < n; col++)
        {
            int pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            if (Math.Abs(a[pivot, col]) < 1e-12)
                throw new InvalidOperationException("The codes are linearly dependent: cannot fit a reconstruction.");
            SwapRows(a, col, pivot);
            SwapRows(b, col, pivot);
            for (int r = 0; r < n; r++)
            {
                if (r == col)
                    continue;
                double factor = a[r, col] / a[col, col];
                for (int c = col; c < n; c++)
                    a[r, c] -= factor * a[col, c];
                for (int c = 0; c < m; c++)
                    b[r, c] -= factor * b[col, c];
            }
        }
        var x = new double[n, m];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < m; c++)
                x[r, c] = b[r, c] / a[r, r];
        return x;
    }

    private static void SwapRows(double[,] matrix, int i, int j)
    {
        for (int c = 0; c < matrix.GetLength(1); c++)
            (matrix[i, c], matrix[j, c]) = (matrix[j, c], matrix[i, c]);
    }
}
