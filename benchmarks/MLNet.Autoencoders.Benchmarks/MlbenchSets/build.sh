#!/usr/bin/env bash
# Writes six public anomaly sets, as ODDS defines them, from R's mlbench package (Debian: r-cran-mlbench) into the
# folder given (default: ./data), in the anomaly-dev CSV layout (features, then "label", 1 = outlier):
#   shuttle    49,097 x 9   class 1 (Rad.Flow) inliers, class 4 (High) dropped, the other five classes outliers (3,511)
#   satellite   6,435 x 36  the three smallest classes (2, 4, 5) outliers (2,036)
#   ionosphere    351 x 32  "bad" returns outliers (126); the constant second attribute dropped
#   pima          768 x 8   diabetic outliers (268)
#   breastw       683 x 9   malignant outliers (239); rows with a missing value dropped
#   glass         214 x 9   type 6 (tableware) outliers (9)
# These are a second collection for the detector's defaults, chosen by nobody tuning it; run the detector on them with
#   dotnet run -c Release --project benchmarks/MLNet.Autoencoders.Benchmarks -- --anomaly-dev --data <folder>
set -euo pipefail
out=${1:-"$(dirname "$0")/data"}
if ! Rscript -e 'library(mlbench)' > /dev/null 2>&1; then
    sudo apt-get install -y r-cran-mlbench > /dev/null 2>&1 || apt-get install -y r-cran-mlbench > /dev/null
fi
mkdir -p "$out"
cd "$out"
Rscript - <<'R'
suppressMessages(library(mlbench))
w <- function(X, y, name) {
  X <- as.data.frame(lapply(X, function(c) as.numeric(as.character(c))))
  ok <- complete.cases(X); X <- X[ok, , drop = FALSE]; y <- y[ok]
  X$label <- as.integer(y)
  write.csv(X, paste0(name, ".csv"), row.names = FALSE, quote = FALSE)
  cat(sprintf("%-11s %6d rows x %2d features, %4d outliers\n", name, nrow(X), ncol(X) - 1, sum(y)))
}
data(Shuttle); s <- Shuttle[Shuttle$Class != "High", ]; w(s[, 1:9], s$Class != "Rad.Flow", "shuttle")
data(Satellite); w(Satellite[, 1:36], Satellite$classes %in% levels(Satellite$classes)[c(2, 4, 5)], "satellite")
data(Ionosphere); io <- Ionosphere[, -2]; w(io[, 1:32], io$Class == "bad", "ionosphere")
data(PimaIndiansDiabetes); p <- PimaIndiansDiabetes; w(p[, 1:8], p$diabetes == "pos", "pima")
data(BreastCancer); b <- BreastCancer; w(b[, 2:10], b$Class == "malignant", "breastw")
data(Glass); g <- Glass; w(g[, 1:9], g$Type == "6", "glass")
R
