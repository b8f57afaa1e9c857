// Written by npm run train:recogniser: the identity of model/recogniser.json.gz.
export const MODEL_ID = "3dd1259fd629aa11";
