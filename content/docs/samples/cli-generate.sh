doitong generate image "A lighthouse at dawn" --out lighthouse.png
