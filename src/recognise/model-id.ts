// Written by npm run train:recogniser: the identity of model/recogniser.json.gz.
export const MODEL_ID = "500877a9c8c61054";
