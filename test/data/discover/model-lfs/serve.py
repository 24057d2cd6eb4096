import onnxruntime as ort

session = ort.InferenceSession("models/classifier.onnx")
