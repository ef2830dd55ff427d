doitong providers image
doitong estimate video "Waves on a shore" --provider local --option duration=5
doitong generate video "Waves on a shore" --option duration=3 --out waves.mp4
doitong balance
